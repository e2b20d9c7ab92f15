#!/usr/bin/env python3
"""Records the other platforms' optional native packages in package-lock.json.

The npm registry reachable from this project's machines serves only the Linux x64 builds of packages such as @swc/core
and @unrs/resolver; `npm install` then leaves the other platforms' optional packages out of the lock file and `npm ci`
refuses it. This adds a lock entry (version, os, cpu, optional) for each one a package declares, so `npm ci` accepts the
lock and, the platform not matching, never downloads them. Run it after `npm install` changes the lock.
"""
import json, re, sys

PATH = sys.argv[1] if len(sys.argv) > 1 else 'package-lock.json'
OS = {'darwin': 'darwin', 'linux': 'linux', 'win32': 'win32', 'android': 'android', 'freebsd': 'freebsd', 'openharmony': 'openharmony'}
CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32']
FAMILIES = ('@swc/core-', '@unrs/resolver-binding-')

lock = json.load(open(PATH))
packages = lock['packages']
added = 0
for key, meta in list(packages.items()):
    for dep, version in (meta.get('optionalDependencies') or {}).items():
        if not dep.startswith(FAMILIES) or f'node_modules/{dep}' in packages:
            continue
        suffix = dep.split('/', 1)[1]
        os_ = next((v for k, v in OS.items() if f'-{k}-' in f'-{suffix}-'), None)
        cpu = next((c for c in CPU if re.search(rf'-{c}(-|$)', suffix)), None)
        if not os_ and 'wasm32' not in suffix:
            continue
        entry = {'version': version, 'optional': True}
        if meta.get('dev'):
            entry['dev'] = True
        if os_:
            entry['os'] = [os_]
        if cpu:
            entry['cpu'] = [cpu]
        packages[f'node_modules/{dep}'] = entry
        added += 1

lock['packages'] = dict(sorted(packages.items(), key=lambda kv: (kv[0] != '', kv[0])))
json.dump(lock, open(PATH, 'w'), indent=2, ensure_ascii=False)
open(PATH, 'a').write('\n')
print(f'added {added} platform entries')

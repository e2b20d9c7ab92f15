#!/usr/bin/env node
// Prints the gzipped JavaScript the console's first page loads: the entry script and the chunks index.html preloads.
// Every route is a lazy chunk, fetched only when its page opens, so it is not counted here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const sizes = files.map((f) => ({ file: f, gzip: gzipSync(readFileSync(join(dist, f)), { level: 9 }).length }));
for (const s of sizes) console.log(`${(s.gzip / 1024).toFixed(1).padStart(8)} kB  ${s.file}`);
const total = sizes.reduce((n, s) => n + s.gzip, 0);
console.log(`first page: ${(total / 1024).toFixed(1)} kB of gzipped JavaScript (budget 1024 kB)`);
if (total > 1024 * 1024) process.exitCode = 1;

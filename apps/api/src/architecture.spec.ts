import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

/**
 * The shape the project keeps, checked on the source text: one HTTP pipeline on Fastify, one database path, driver
 * error codes instead of message matching, one definition of the domain vocabulary, and the exam's rules in their
 * own pure library with a spec per rule.
 */
const ROOT = join(__dirname, '..', '..', '..');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const apiSources = sources(join(ROOT, 'apps', 'api', 'src')).filter((f) => !f.endsWith('architecture.spec.ts'));
const textOf = (f: string) => readFileSync(f, 'utf8');
const offending = (files: string[], pattern: RegExp) =>
  files.filter((f) => pattern.test(textOf(f))).map((f) => relative(ROOT, f));

describe('the architecture', () => {
  it('serves every route through the one Fastify pipeline', () => {
    const pkg = JSON.parse(textOf(join(ROOT, 'apps', 'api', 'package.json'))) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies['@nestjs/platform-fastify']).toBeDefined();
    expect(pkg.dependencies['@nestjs/platform-express']).toBeUndefined();
    expect(offending(apiSources, /removeAllListeners\(\s*['"]request['"]\s*\)/)).toEqual([]);
  });

  it('opens no second database path and recognises lock conflicts and duplicates by driver codes', () => {
    expect(offending(apiSources, /multipleStatements/)).toEqual([]);
    // A regular expression over an error's message text: "Duplicate entry", "Deadlock found", "Lock wait timeout".
    expect(offending(apiSources, /\/[^/\n]*(duplicate entry|deadlock|lock wait)[^/\n]*\/[gimsuy]*\.test/i)).toEqual([]);
    expect(
      offending(apiSources, /\.(message|sqlMessage)[^;\n]*\.(includes|match)\([^)]*(Duplicate|Deadlock|Lock wait)/i),
    ).toEqual([]);
  });

  it('declares the knowledge map once, in the item bank library', () => {
    const everywhere = ['libs', 'apps', 'test', 'bench'].flatMap((d) => sources(join(ROOT, d)));
    expect(offending(everywhere, /\binterface KnowledgeMap\b/)).toEqual(['libs/itembank/src/types.ts']);
  });

  it('keeps the exam rules in libs/exam, each with its spec', () => {
    const dir = join(ROOT, 'libs', 'exam', 'src');
    const rules = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && f !== 'index.ts');
    for (const rule of ['deadline', 'saves', 'sign-in', 'access', 'retention', 'scoring', 'monitor'])
      expect(rules).toContain(`${rule}.ts`);
    // ID numbers are checked where rosters use them (roster.spec.ts).
    const withoutSpec = rules.filter(
      (f) => f !== 'id-number.ts' && !readdirSync(dir).includes(f.replace(/\.ts$/, '.spec.ts')),
    );
    expect(withoutSpec).toEqual([]);
  });
});

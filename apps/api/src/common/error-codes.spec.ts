import { HttpStatus } from '@nestjs/common';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { ERROR_CODE_LIST, ERROR_CODES, ErrorCode } from './error-codes';

const repo = join(__dirname, '..', '..', '..', '..');

function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts'))
    .map((e) => join(e.parentPath, e.name))
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

const HELPER_STATUS: Record<string, HttpStatus> = {
  badRequest: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  notFound: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** Every literal code the API source throws or sends, with the status it is sent with where the call site says. */
function thrownCodes(): { code: string; status?: number; where: string }[] {
  const found: { code: string; status?: number; where: string }[] = [];
  for (const { path, text } of sources(join(repo, 'apps/api/src'))) {
    const where = path.slice(repo.length + 1);
    for (const m of text.matchAll(
      /\b(badRequest|unauthorized|forbidden|notFound|conflict|unprocessable)\(\s*'([^']+)'/g,
    ))
      found.push({ code: m[2], status: HELPER_STATUS[m[1]], where });
    for (const m of text.matchAll(/new AppException\(\s*'([^']+)',\s*HttpStatus\.([A-Z_]+)/g))
      found.push({ code: m[1], status: HttpStatus[m[2] as keyof typeof HttpStatus] as number, where });
    for (const m of text.matchAll(/\bappError\(\s*'([^']+)'/g)) found.push({ code: m[1], where });
  }
  // The exception filter's own codes: the fallbacks per status and the literal bodies it builds.
  const filter = readFileSync(join(repo, 'apps/api/src/common/http-exception.filter.ts'), 'utf8');
  for (const m of filter.matchAll(/^\s*(\d{3}): '([^']+)',$/gm))
    found.push({ code: m[2], status: Number(m[1]), where: 'STATUS_CODES' });
  for (const m of filter.matchAll(/code: '([^']+)'/g)) found.push({ code: m[1], where: 'toErrorBody' });
  for (const m of filter.matchAll(/\?\? '([A-Z_]+)'/g)) found.push({ code: m[1], where: 'toErrorBody' });
  return found;
}

describe('ERROR_CODES', () => {
  const thrown = thrownCodes();

  it('finds the codes the API source throws', () => {
    expect(thrown.length).toBeGreaterThan(100);
    expect(thrown.map((t) => t.code)).toEqual(
      expect.arrayContaining([
        'DEADLINE_PASSED',
        'VALIDATION_FAILED',
        'INTERNAL_ERROR',
        'HTTP_ERROR',
        'PAYLOAD_TOO_LARGE',
      ]),
    );
  });

  it('lists every code thrown in apps/api/src', () => {
    const missing = thrown.filter((t) => !(t.code in ERROR_CODES)).map((t) => `${t.code} (${t.where})`);
    expect(missing).toEqual([]);
  });

  it('gives each thrown code the status it is sent with', () => {
    const wrong = thrown
      .filter((t) => t.status !== undefined && t.code in ERROR_CODES)
      .filter((t) => {
        const entry: { status: number; also?: readonly number[] } = ERROR_CODES[t.code as ErrorCode];
        return entry.status !== t.status && !entry.also?.includes(t.status!);
      })
      .map((t) => `${t.code} sent as ${t.status} (${t.where})`);
    expect(wrong).toEqual([]);
  });

  it('lists no code that nothing can send', () => {
    // Codes a library computes (workflow, eligibility, assembly, roster) are sent through AppException's typed code.
    const text = [
      ...sources(join(repo, 'apps/api/src')),
      ...sources(join(repo, 'libs/itembank/src')),
      ...sources(join(repo, 'libs/assembly/src')),
    ]
      .filter((s) => !s.path.endsWith('error-codes.ts'))
      .map((s) => s.text)
      .join('\n');
    expect(ERROR_CODE_LIST.filter((code) => !text.includes(`'${code}'`))).toEqual([]);
  });

  it('spells every code in UPPER_SNAKE_CASE', () => {
    expect(ERROR_CODE_LIST.filter((code) => !/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(code))).toEqual([]);
  });
});

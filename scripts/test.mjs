#!/usr/bin/env node
// Runs every test: lint and type checks, the staleness check of the generated API contract, unit tests of the
// libraries, the API and the client, the API tests on a throwaway MariaDB database with Redis and again on SQLite with
// the in-process queue, then the browser tests. The fault suite (a few minutes) runs only when named:
// `npm run test:faults`.
// Ends with one line: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'test', 'out', process.env.TEST_OUT_NAME ?? 'latest');
mkdirSync(outDir, { recursive: true });

const MYSQL_SERVER = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const only = process.argv.slice(2); // e.g. `npm test -- api-sqlite unit`

const results = [];
const want = (name) => only.length === 0 || only.some((o) => name.startsWith(o));
/** Suites that run only when named (`npm test -- faults`, `npm run test:faults`): they take minutes. */
const wantNamed = (name) => only.some((o) => name.startsWith(o));

/** A check; `always` for a build inside a suite already chosen (`npm test -- browser-console` builds the console). */
function step(name, cmd, args, env = {}, always = false) {
  if (!always && !want(name)) return true;
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  results.push({ name, kind: 'check', passed: ok ? 1 : 0, failed: ok ? 0 : 1, ms: Date.now() - started });
  return ok;
}

function jest(name, config, env = {}, extra = []) {
  if (!want(name)) return;
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const out = join(outDir, `${name}.json`);
  rmSync(out, { force: true });
  // JEST_ARGS narrows a run while working on one area, e.g. JEST_ARGS="test/api/items".
  const narrow = process.env.JEST_ARGS ? process.env.JEST_ARGS.split(' ').filter(Boolean) : [];
  const r = spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '-c', config, '--json', `--outputFile=${out}`, ...extra, ...narrow],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    },
  );
  let passed = 0;
  let failed;
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed = report.numPassedTests;
    failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
    if (report.numTotalTests === 0) failed += 1; // a suite that finds no tests is a broken suite
  } else {
    failed = 1;
  }
  if (r.status !== 0 && failed === 0) failed = 1;
  results.push({ name, kind: 'jest', passed, failed, ms: Date.now() - started });
}

async function withMariaDb(suite, work) {
  const { createConnection } = require('mysql2/promise');
  const name = `jd_test_${randomBytes(4).toString('hex')}`;
  let admin;
  try {
    admin = await createConnection(MYSQL_SERVER);
  } catch (err) {
    console.error(
      `MariaDB/MySQL is not reachable at ${MYSQL_SERVER} (${err.code ?? err.message}). Start it: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd`,
    );
    results.push({ name: suite, kind: 'jest', passed: 0, failed: 1, ms: 0 });
    return;
  }
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(MYSQL_SERVER);
  url.pathname = `/${name}`;
  try {
    await work(url.toString(), name);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  }
}

async function redisReachable() {
  const IORedis = require('ioredis');
  const client = new IORedis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser tests drive Debian's Chromium; as root we install it, otherwise we name the one command to run. */
function ensureChromium() {
  // The screenshots show Chinese: without a CJK font the browser draws boxes.
  const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
  const missing = [existsSync(CHROMIUM) ? null : 'chromium', existsSync(CJK_FONT) ? null : 'fonts-noto-cjk'].filter(
    Boolean,
  );
  if (missing.length === 0) return true;
  if (process.getuid?.() === 0) {
    console.log(
      `Installing Debian ${missing.join(' and ')} for the browser tests (apt-get install -y ${missing.join(' ')})`,
    );
    const update = spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    const install =
      update.status === 0 &&
      spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    if (install && install.status === 0 && existsSync(CHROMIUM)) return true;
  }
  if (existsSync(CHROMIUM)) return true; // without the font the tests still run; only the screenshots suffer
  console.error(`Chromium is missing at ${CHROMIUM}. Install it: sudo apt-get install -y chromium fonts-noto-cjk`);
  return false;
}

async function main() {
  const started = Date.now();
  const bin = (name) => join(root, 'node_modules', '.bin', name);
  step('lint', bin('eslint'), ['.']);
  if (step('typecheck', bin('tsc'), ['-b'])) {
    step('typecheck-specs', bin('tsc'), ['-p', 'test/tsconfig.json']);
    // The committed OpenAPI document and generated client types must be what the API declares now.
    step('contract', process.execPath, ['-r', '@swc-node/register', 'scripts/openapi.ts', '--check'], {
      SWC_NODE_PROJECT: 'apps/api/tsconfig.json',
    });
  }
  step('typecheck-client', bin('tsc'), ['-p', 'apps/exam-client']);
  step('typecheck-client-api', bin('tsc'), ['-p', 'libs/api-client']);
  step('typecheck-console', bin('tsc'), ['-p', 'apps/console']);

  jest('unit-itembank', 'libs/itembank/jest.config.js');
  jest('unit-assembly', 'libs/assembly/jest.config.js');
  jest('unit-exam', 'libs/exam/jest.config.js');
  jest('unit-api', 'apps/api/jest.config.js');
  jest('unit-exam-client', 'apps/exam-client/jest.config.cjs');
  jest('unit-console', 'apps/console/jest.config.cjs');

  if (want('api-mariadb')) {
    if (!(await redisReachable())) {
      console.error(
        `Redis is not reachable at ${REDIS_URL}. Start it: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`,
      );
      results.push({ name: 'api-mariadb', kind: 'jest', passed: 0, failed: 1, ms: 0 });
    } else {
      await withMariaDb('api-mariadb', async (url, name) => {
        jest('api-mariadb', 'test/jest.api.config.js', { DATABASE_URL: url, REDIS_URL, QUEUE_PREFIX: name }, [
          '--runInBand',
        ]);
      });
    }
  }
  if (want('api-sqlite')) {
    const dir = mkdtempSync(join(tmpdir(), 'jd-test-'));
    try {
      jest(
        'api-sqlite',
        'test/jest.api.config.js',
        { SQLITE_PATH: join(dir, 'test.sqlite'), DATABASE_URL: '', REDIS_URL: '' },
        ['--runInBand'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  // Kills and restarts real API and worker processes and a Redis of its own (never the shared one) on purpose.
  if (wantNamed('faults')) {
    await withMariaDb('faults', async (url, name) => {
      jest('faults', 'test/jest.faults.config.js', { DATABASE_URL: url, REDIS_URL: '', QUEUE_PREFIX: name }, [
        '--runInBand',
      ]);
    });
  }

  if (want('browser')) {
    if (!ensureChromium()) {
      results.push({ name: 'browser', kind: 'jest', passed: 0, failed: 1, ms: 0 });
    } else if (
      step(
        'build-client',
        bin('vite'),
        ['build', '--config', 'apps/exam-client/vite.config.ts', '--logLevel', 'warn'],
        {},
        true,
      )
    ) {
      jest('browser', 'test/jest.browser.config.js', { DATABASE_URL: '', REDIS_URL: '' }, ['--runInBand']);
    }
  }

  // The staff console against the real API on a throwaway MariaDB database and Redis.
  if (want('browser-console')) {
    if (!ensureChromium() || !(await redisReachable())) {
      results.push({ name: 'browser-console', kind: 'jest', passed: 0, failed: 1, ms: 0 });
    } else if (
      step(
        'build-console',
        bin('vite'),
        ['build', '--config', 'apps/console/vite.config.ts', '--logLevel', 'warn'],
        {},
        true,
      ) &&
      // The first page's gzipped JavaScript against its 1 MB budget (every route is a lazy chunk).
      step('console-first-page', process.execPath, ['apps/console/scripts/first-page-size.mjs'], {}, true) &&
      // The sessions spec has candidates sit the exam in the exam client, served by the same API.
      step(
        'build-console-client',
        bin('vite'),
        ['build', '--config', 'apps/exam-client/vite.config.ts', '--logLevel', 'warn'],
        {},
        true,
      )
    ) {
      await withMariaDb('browser-console', async (url, name) => {
        jest(
          'browser-console',
          'test/jest.browser-console.config.js',
          { DATABASE_URL: url, REDIS_URL, QUEUE_PREFIX: name },
          ['--runInBand'],
        );
      });
    }
  }

  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log('\nsuite                 passed  failed   seconds');
  for (const r of results)
    console.log(
      `${r.name.padEnd(20)} ${String(r.passed).padStart(7)} ${String(r.failed).padStart(7)} ${(r.ms / 1000).toFixed(1).padStart(9)}`,
    );
  console.log(`total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && results.length > 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  console.log('0 passed, 1 failed');
  process.exit(1);
});

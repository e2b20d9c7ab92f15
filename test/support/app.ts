import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AppConfig, loadConfig } from '../../apps/api/src/config/config';
import { Db } from '../../apps/api/src/database/db.service';
import { createHttpApp } from '../../apps/api/src/http-app';

export const ADMIN = { username: 'admin', password: 'admin-password-1' };

let counter = 0;
/** Unique per test run and per call, so tests sharing one database never collide on names. */
/** Supertest's parser for a file download (xlsx): the body as one Buffer. */
export const binaryBody = (res: import('supertest').Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

export const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

/**
 * Boots the real HTTP app on whatever storage and queue the environment names: the test runner points
 * DATABASE_URL/REDIS_URL at a throwaway MariaDB database and Redis prefix, or SQLITE_PATH at a temp file.
 */
export async function bootApp(env: Record<string, string> = {}): Promise<TestContext> {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    DEMO: 'false',
    SERVE_CLIENT: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    TRUST_PROXY: 'loopback',
    AUDIT_VERIFY_EVERY_MINUTES: '0',
    ...env,
  });
  const app = await createHttpApp(config);
  await app.init();
  return new TestContext(app, config);
}

export class TestContext {
  readonly http: TestAgent;
  private adminSession?: Session;

  constructor(
    readonly app: INestApplication,
    readonly config: AppConfig,
  ) {
    this.http = request(app.getHttpServer());
  }

  get db(): Db {
    return this.app.get(Db);
  }

  get driver(): 'mysql' | 'sqlite' {
    return this.db.kind;
  }

  async login(username: string, password: string): Promise<Session> {
    const res = await this.http.post('/api/v1/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return new Session(
      this.http,
      res.body.accessToken as string,
      res.body.user as { id: string; username: string; roles: string[] },
    );
  }

  async admin(): Promise<Session> {
    this.adminSession ??= await this.login(ADMIN.username, ADMIN.password);
    return this.adminSession;
  }

  /** A fresh staff user with the given roles, signed in. */
  async newUser(roles: string[], extra: { institutionId?: string; password?: string } = {}): Promise<Session> {
    const username = unique(roles.join('-').slice(0, 20) + '.');
    const password = extra.password ?? 'a-good-password-1';
    const admin = await this.admin();
    const res = await admin.post('/users').send({ username, password, roles, institutionId: extra.institutionId });
    if (res.status !== 201) throw new Error(`create user failed: ${res.status} ${JSON.stringify(res.body)}`);
    return this.login(username, password);
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

/** Supertest with a bearer token and the API prefix. */
export class Session {
  constructor(
    private readonly http: TestAgent,
    readonly token: string,
    readonly user: { id: string; username: string; roles: string[] },
  ) {}

  private auth<T extends { set(k: string, v: string): T }>(req: T): T {
    return req.set('Authorization', `Bearer ${this.token}`);
  }

  get(path: string) {
    return this.auth(this.http.get(`/api/v1${path}`));
  }
  post(path: string) {
    return this.auth(this.http.post(`/api/v1${path}`));
  }
  put(path: string) {
    return this.auth(this.http.put(`/api/v1${path}`));
  }
  patch(path: string) {
    return this.auth(this.http.patch(`/api/v1${path}`));
  }
  delete(path: string) {
    return this.auth(this.http.delete(`/api/v1${path}`));
  }
}

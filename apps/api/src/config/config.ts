import { randomBytes } from 'crypto';
import { z } from 'zod';

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().default('0.0.0.0'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    API_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
    KEEP_ALIVE_SECONDS: z.coerce.number().int().min(1).max(3600).default(65),
    DATABASE_URL: z
      .string()
      .regex(/^mysql:\/\//, 'must be a mysql:// URL (leave it unset for the embedded SQLite file)')
      .optional(),
    SQLITE_PATH: z.string().default('data/jianding.sqlite'),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]+$/)
      .default('jianding'),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    RUN_JOBS: boolish.default(true),
    RECONCILE_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
    RUN_MIGRATIONS: boolish.default(true),
    TRUST_PROXY: z.string().optional(),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1800),
    CANDIDATE_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(600)
      .max(86_400)
      .default(6 * 3600),
    ADMIN_USERNAME: z.string().min(3).optional(),
    ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
    POLICY: z.string().default('chengdu-2024'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_PRETTY: boolish.optional(),
    CORS_ORIGINS: z.string().optional(),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
    AUDIT_VERIFY_EVERY_MINUTES: z.coerce.number().int().min(0).default(60),
    RETENTION_PURGE_EVERY_MINUTES: z.coerce
      .number()
      .int()
      .min(0)
      .default(24 * 60),
    ID_HASH_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    EXAM_SAVE_GRACE_SECONDS: z.coerce.number().int().min(0).max(600).default(30),
    DEMO: boolish.optional(),
    SERVE_CLIENT: boolish.default(true),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required in production' });
    }
    if (env.API_WORKERS > 1 && (!env.DATABASE_URL || !env.REDIS_URL || !env.JWT_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: ['API_WORKERS'],
        message:
          'above 1 needs DATABASE_URL, REDIS_URL and JWT_SECRET: the processes share the database, the queue, the sign-in throttle and the token key',
      });
    }
    if ((env.ADMIN_USERNAME && !env.ADMIN_PASSWORD) || (!env.ADMIN_USERNAME && env.ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ADMIN_PASSWORD'],
        message: 'ADMIN_USERNAME and ADMIN_PASSWORD go together',
      });
    }
  });

export type Env = z.infer<typeof schema>;

export interface AppConfig {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  /** HTTP processes sharing the port (node:cluster); 1 runs the API in this process. */
  apiWorkers: number;
  /** How long an idle keep-alive connection stays open: longer than a proxy's or a client's pause between requests. */
  keepAliveSeconds: number;
  database: { kind: 'mysql'; url: string; poolSize: number } | { kind: 'sqlite'; path: string };
  redis?: { url: string; prefix: string };
  queuePrefix: string;
  workerConcurrency: number;
  /** Whether the HTTP process also works the queue; always true without Redis. Production sets it false and runs workers. */
  runJobs: boolean;
  /** How often a process that works the queue re-queues runs `job_runs` has and the queue lost. */
  reconcileSeconds: number;
  /** Apply pending migrations at start; production with several API replicas runs `npm run migration:run` once instead. */
  runMigrations: boolean;
  /**
   * Fastify's `trustProxy`, so throttling and Safe Exam Browser checks see the client's address and protocol behind a
   * reverse proxy: `true`, a hop count, or addresses, CIDR ranges and names such as `loopback`, comma-separated.
   */
  trustProxy?: boolean | number | string;
  jwt: { secret: string; ttlSeconds: number; candidateTtlSeconds: number; ephemeral: boolean };
  bootstrapAdmin?: { username: string; password: string };
  defaultPolicy: string;
  logLevel: Env['LOG_LEVEL'];
  /** Readable log lines (pino-pretty) instead of JSON; unset: readable in development on a terminal. */
  logPretty?: boolean;
  corsOrigins: string[];
  login: { maxFailures: number; windowSeconds: number };
  schedules: { auditVerifyMinutes: number; retentionPurgeMinutes: number };
  demo: boolean;
  serveClient: boolean;
  /** ID numbers are stored as HMAC-SHA256 under `idHashKey`; saves are accepted `saveGraceSeconds` past a deadline. */
  exam: { idHashKey: string; saveGraceSeconds: number };
}

export class ConfigError extends Error {}

/** Reads and validates the environment once; a bad value stops the process with the variable's name. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const demo = e.DEMO ?? (e.NODE_ENV === 'development' && !e.DATABASE_URL);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    apiWorkers: e.API_WORKERS,
    keepAliveSeconds: e.KEEP_ALIVE_SECONDS,
    database: e.DATABASE_URL
      ? { kind: 'mysql', url: e.DATABASE_URL, poolSize: e.DB_POOL_SIZE }
      : { kind: 'sqlite', path: e.SQLITE_PATH },
    redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.QUEUE_PREFIX } : undefined,
    queuePrefix: e.QUEUE_PREFIX,
    workerConcurrency: e.WORKER_CONCURRENCY,
    runJobs: e.RUN_JOBS || !e.REDIS_URL,
    reconcileSeconds: e.RECONCILE_SECONDS,
    runMigrations: e.RUN_MIGRATIONS,
    trustProxy: trustProxyOf(e.TRUST_PROXY),
    // Without a configured secret (development only) tokens die with the process, which is what a laptop demo wants.
    jwt: {
      secret: e.JWT_SECRET ?? randomBytes(32).toString('hex'),
      ttlSeconds: e.JWT_TTL_SECONDS,
      candidateTtlSeconds: e.CANDIDATE_TTL_SECONDS,
      ephemeral: !e.JWT_SECRET,
    },
    // The embedded demo gets a known admin so a newcomer can look around; any real deployment names its own.
    bootstrapAdmin:
      e.ADMIN_USERNAME && e.ADMIN_PASSWORD
        ? { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD }
        : demo
          ? { username: 'admin', password: 'admin-demo-pass' }
          : undefined,
    defaultPolicy: e.POLICY,
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
    corsOrigins: e.CORS_ORIGINS
      ? e.CORS_ORIGINS.split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
    login: { maxFailures: e.LOGIN_MAX_FAILURES, windowSeconds: e.LOGIN_WINDOW_SECONDS },
    schedules: {
      auditVerifyMinutes: e.AUDIT_VERIFY_EVERY_MINUTES,
      retentionPurgeMinutes: e.RETENTION_PURGE_EVERY_MINUTES,
    },
    demo,
    serveClient: e.SERVE_CLIENT,
    // Not the random development JWT secret: a restarted laptop demo must still recognise its roster.
    exam: {
      idHashKey: e.ID_HASH_KEY ?? e.JWT_SECRET ?? 'jianding-development-id-hash-key',
      saveGraceSeconds: e.EXAM_SAVE_GRACE_SECONDS,
    },
  };
}

function trustProxyOf(value: string | undefined): AppConfig['trustProxy'] {
  if (value === undefined || value === 'false') return undefined;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

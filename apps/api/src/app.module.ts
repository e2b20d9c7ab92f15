import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { hostname } from 'os';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { CoreModule } from './core.module';
import { resolveDataSourceOptions } from './database/data-source-options';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { HealthModule } from './modules/health/health.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { UsersModule } from './modules/users/users.module';
import { BanksModule } from './modules/banks/banks.module';
import { ItemsModule } from './modules/items/items.module';
import { PapersModule } from './modules/papers/papers.module';
import { ExamModule } from './modules/exam/exam.module';
import { DemoModule } from './modules/demo/demo.module';
import { InstitutionsModule } from './modules/institutions/institutions.module';
import { ProcessRole } from './queue/queue.service';
import { QueueModule } from './queue/queue.module';

const urlOf = (req: { url?: string; originalUrl?: string }) => req.originalUrl ?? req.url ?? '';

/** Feature modules: the HTTP server mounts their controllers, the worker only their processors. */
export const FEATURE_MODULES = [
  AuthModule,
  UsersModule,
  AuditModule,
  JobsModule,
  HealthModule,
  InstitutionsModule,
  BanksModule,
  ItemsModule,
  PapersModule,
  ExamModule,
  DemoModule,
];

/** One module tree for the three entry points (HTTP, worker, CLI), so they can never drift apart. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, role: ProcessRole): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            transport:
              config.env === 'development' && process.stdout.isTTY
                ? { target: 'pino-pretty', options: { singleLine: true } }
                : undefined,
            // A request line names the request, not its headers: no token or cookie can reach the log, and nothing
            // needs redacting on every request.
            serializers: {
              req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
                remoteAddress: req.remoteAddress,
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            // Middleware sees the URL below its mount point; `originalUrl` is the request's.
            autoLogging: { ignore: (req) => urlOf(req) === '/api/health' },
            // Answer saves, cursor moves and integrity events come from every candidate every few seconds: log them
            // only when they fail, or the exam-day log is mostly noise.
            customLogLevel: (req, res, err) =>
              err || res.statusCode >= 500
                ? 'error'
                : res.statusCode >= 400
                  ? 'warn'
                  : /^\/api\/v1\/exam\/attempt\/(answers|cursor|events)/.test(urlOf(req))
                    ? 'debug'
                    : 'info',
            // In the base bindings rather than per-request props: each request then costs one child logger, not two.
            base: { pid: process.pid, hostname: hostname(), role },
          },
        }),
        TypeOrmModule.forRootAsync({
          useFactory: async () => ({
            ...(await resolveDataSourceOptions(config)),
            migrationsRun: config.runMigrations,
            migrationsTransactionMode: 'each' as const,
          }),
        }),
        CoreModule,
        QueueModule.forRoot(role),
        ...FEATURE_MODULES,
      ],
    };
  }
}

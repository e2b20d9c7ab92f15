import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
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
import { PracticalModule } from './modules/practical/practical.module';
import { ProcessRole } from './queue/queue.service';
import { QueueModule } from './queue/queue.module';

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
  PracticalModule,
  DemoModule,
];

/**
 * One module tree for the three entry points (HTTP, worker, CLI), so they can never drift apart. Logging is the entry
 * point's: one pino logger per process (common/logger.ts), which Fastify and Nest's `Logger` both write through.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, role: ProcessRole): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
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

import { Global, Module } from '@nestjs/common';
import { createSecretKey } from 'crypto';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from './config/config';
import { Db } from './database/db.service';
import { AuditRepository } from './modules/audit/audit.repository';
import { AuditService } from './modules/audit/audit.service';
import { CandidateSessions } from './modules/auth/candidate-sessions';
import { LoginThrottle } from './modules/auth/login-throttle';
import { TokensService } from './modules/auth/tokens.service';
import { UserDirectory } from './modules/users/user-directory';
import { UsersRepository } from './modules/users/users.repository';

/** What every feature needs and nothing more: transactions, the audit chain, tokens and the user lookup of the guard. (The retry of a read whose connection dropped is put on the GET routes by the HTTP app: `useReadRetry`.) */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwt.secret)),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [
    Db,
    AuditRepository,
    AuditService,
    TokensService,
    LoginThrottle,
    CandidateSessions,
    UsersRepository,
    UserDirectory,
  ],
  exports: [Db, AuditService, TokensService, LoginThrottle, CandidateSessions, UsersRepository, UserDirectory],
})
export class CoreModule {}

import { Module } from '@nestjs/common';
import { AuditVerifyProcessor } from './audit-verify.processor';
import { AuditController } from './audit.controller';

@Module({ controllers: [AuditController], providers: [AuditVerifyProcessor] })
export class AuditModule {}

import { Module } from '@nestjs/common';
import { RetentionPurgeProcessor } from './retention-purge.processor';

@Module({ providers: [RetentionPurgeProcessor] })
export class ExamModule {}

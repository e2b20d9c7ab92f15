import { Module } from '@nestjs/common';
import { PaperAssembleProcessor } from './paper-assemble.processor';

@Module({ providers: [PaperAssembleProcessor] })
export class PapersModule {}

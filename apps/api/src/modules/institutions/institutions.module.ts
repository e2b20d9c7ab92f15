import { Global, Module } from '@nestjs/common';
import { InstitutionLookup } from '../users/users.service';
import { InstitutionsController } from './institutions.controller';
import { InstitutionsRepository } from './institutions.repository';
import { InstitutionLookupService, InstitutionsService } from './institutions.service';

/** Global so UsersController can check an institution id and the papers module can check scope and validity. */
@Global()
@Module({
  controllers: [InstitutionsController],
  providers: [
    InstitutionsRepository,
    InstitutionsService,
    { provide: InstitutionLookup, useClass: InstitutionLookupService },
  ],
  exports: [InstitutionsService, InstitutionLookup],
})
export class InstitutionsModule {}

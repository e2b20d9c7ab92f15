import { Inject, Injectable } from '@nestjs/common';
import { normaliseIdNumber } from '@jianding/exam';
import { createHash, createHmac } from 'crypto';
import { APP_CONFIG, AppConfig } from '../../config/config';

/** Keyed hash of an ID number: equal numbers match, a database dump reveals nothing. */
export function idNumberHasher(secret: string): (idNumber: string) => string {
  const key = createHash('sha256').update(`jianding/id-number/v1:${secret}`).digest();
  return (idNumber) => createHmac('sha256', key).update(normaliseIdNumber(idNumber)).digest('hex');
}

/** How a roster stores a candidate's ID number, so that sign-in can match it: the deployment's keyed hash. */
@Injectable()
export class RosterIdentity {
  readonly hashId: (idNumber: string) => string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.hashId = idNumberHasher(config.exam.idHashKey);
  }
}

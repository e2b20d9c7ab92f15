import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { SYSTEM_ACTOR } from '../auth/principal';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Creates the first admin from ADMIN_USERNAME / ADMIN_PASSWORD when that user does not exist yet. */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('BootstrapAdmin');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly repo: UsersRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (!admin || (await this.repo.findByUsername(admin.username))) return;
    try {
      await this.createAdmin(admin.username, admin.password);
      this.logger.log(`Created admin user ${admin.username}`);
    } catch (err) {
      // Several API processes start at once (API_WORKERS): the one that lost the race finds the admin there.
      if (!(await this.repo.findByUsername(admin.username))) throw err;
    }
  }

  createAdmin(username: string, password: string) {
    return this.users.create(SYSTEM_ACTOR, { username, password, roles: ['admin'], displayName: 'Administrator' });
  }
}

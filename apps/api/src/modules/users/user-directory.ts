import { Injectable } from '@nestjs/common';
import type { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

/** What other modules may ask about staff users: sign-in and the guard look a user up, views show who did what. */
@Injectable()
export class UserDirectory {
  constructor(private readonly repo: UsersRepository) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.repo.findById(id);
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.repo.findByUsername(username);
  }

  /** An institution's status and filing validity, for the guard's standing check on a staff user's every write. */
  institutionStanding(id: string): Promise<{ status: string; validFrom: number; validUntil: number } | null> {
    return this.repo.institutionStanding(id);
  }

  /** User names by id, for the ids given (nulls and repeats ignored). */
  usernames(ids: readonly (string | null)[]): Promise<Map<string, string>> {
    return this.repo.usernames(ids);
  }
}

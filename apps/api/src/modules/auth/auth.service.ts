import { HttpStatus, Injectable } from '@nestjs/common';
import { AppException, unauthorized } from '../../common/app.exception';
import { Db } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { UserView } from '../users/dto/user.dto';
import { UserDirectory } from '../users/user-directory';
import { LoginResponse } from './dto/login.dto';
import { LoginThrottle } from './login-throttle';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { TokensService } from './tokens.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly users: UserDirectory,
    private readonly tokens: TokensService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
  ) {}

  async login(username: string, password: string, ip: string): Promise<LoginResponse> {
    const keys = [`user:${username.toLowerCase()}`, `ip:${ip}`];
    const { retryAfterSeconds: wait, failing } = await this.throttle.check(keys);
    if (wait > 0) {
      throw new AppException(
        'LOGIN_THROTTLED',
        HttpStatus.TOO_MANY_REQUESTS,
        `Too many failed sign-ins; try again in ${wait} s`,
        { retryAfterSeconds: wait },
      );
    }
    const user = await this.users.findByUsername(username);
    const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user || !ok || !user.active) {
      await this.throttle.fail(keys);
      await this.db.transaction((tx) =>
        this.audit.append(tx, {
          actor: { id: user?.id ?? null, name: username },
          action: 'auth.login_failed',
          entity: 'user',
          entityId: user?.id ?? username.slice(0, 64),
          data: { ip },
        }),
      );
      // The same answer for an unknown user, a wrong password and a disabled account: nothing to enumerate.
      throw unauthorized('INVALID_CREDENTIALS', 'The user name or password is wrong');
    }
    if (failing[0]) await this.throttle.clear(keys[0]);
    const { token, expiresIn } = this.tokens.issue({
      kind: 'staff',
      userId: user.id,
      username: user.username,
      roles: user.roles,
      institutionId: user.institutionId,
    });
    return { accessToken: token, expiresIn, user: UserView.of(user) };
  }
}

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-errors';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { ChangePasswordDto, PasswordChangedView } from './dto/user.dto';
import { STAFF_ROLES } from './roles';
import { UsersService } from './users.service';

/** What every staff member may do to their own account. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('account')
export class AccountController {
  constructor(private readonly users: UsersService) {}

  @Post('password')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ type: PasswordChangedView })
  @ApiErrors('VALIDATION_FAILED', 'PASSWORD_WRONG', 'PASSWORD_UNCHANGED')
  changePassword(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: ChangePasswordDto): Promise<PasswordChangedView> {
    return this.users.changeOwnPassword(actorOf(p), dto.currentPassword, dto.newPassword);
  }
}

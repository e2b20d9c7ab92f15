import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrors } from '../../common/api-errors';
import { UsersService } from '../users/users.service';
import { UserView } from '../users/dto/user.dto';
import { AuthService } from './auth.service';
import { CurrentPrincipal, Public, Roles } from './decorators';
import { LoginDto, LoginResponse } from './dto/login.dto';
import { STAFF_ROLES } from '../users/roles';
import type { StaffPrincipal } from './principal';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiErrors('VALIDATION_FAILED', 'INVALID_CREDENTIALS', 'ACCOUNT_DISABLED', 'LOGIN_THROTTLED')
  login(@Body() dto: LoginDto, @Req() req: FastifyRequest): Promise<LoginResponse> {
    return this.auth.login(dto.username, dto.password, req.ip);
  }

  @Get('me')
  @ApiBearerAuth()
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ type: UserView })
  me(@CurrentPrincipal() p: StaffPrincipal): Promise<UserView> {
    return this.users.get(p.userId);
  }
}

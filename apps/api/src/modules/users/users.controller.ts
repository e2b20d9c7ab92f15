import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-errors';
import { PageOf } from '../../common/page.response';
import { Page } from '../../common/paging';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { CreateUserDto, UpdateUserDto, UserQuery, UserView } from './dto/user.dto';
import { InstitutionLookup, UsersService } from './users.service';
import { Optional } from '@nestjs/common';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    @Optional() private readonly institutions?: InstitutionLookup,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: UserView })
  @ApiErrors('VALIDATION_FAILED', 'USERNAME_TAKEN', 'INSTITUTION_REQUIRED', 'INSTITUTION_NOT_FOUND')
  create(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(actorOf(p), dto, this.institutions);
  }

  @Get()
  @ApiOkResponse({ type: PageOf(UserView) })
  list(@Query() q: UserQuery): Promise<Page<UserView>> {
    return this.users.list(q, this.institutions);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserView })
  @ApiErrors('USER_NOT_FOUND')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserView })
  @ApiErrors('VALIDATION_FAILED', 'USER_NOT_FOUND', 'CANNOT_LOCK_SELF_OUT', 'INSTITUTION_REQUIRED')
  update(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(actorOf(p), id, dto);
  }
}

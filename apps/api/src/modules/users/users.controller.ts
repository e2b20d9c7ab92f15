import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '../../common/paging';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { CreateUserDto, UpdateUserDto, UserView } from './dto/user.dto';
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
  create(@CurrentPrincipal() p: StaffPrincipal, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(actorOf(p), dto, this.institutions);
  }

  @Get()
  list(@Query() q: PageQuery) {
    return this.users.list(q.page, q.pageSize);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  update(
    @CurrentPrincipal() p: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(actorOf(p), id, dto);
  }
}

import { Module } from '@nestjs/common';
import { BootstrapAdmin } from './bootstrap-admin';
import { AccountController } from './account.controller';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController, AccountController],
  providers: [UsersService, BootstrapAdmin],
  exports: [UsersService, BootstrapAdmin],
})
export class UsersModule {}

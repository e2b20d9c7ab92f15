import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MinLength,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { iso } from '../../../common/columns';
import { PageQuery } from '../../../common/paging';
import { STAFF_ROLES, StaffRole } from '../roles';
import { UserEntity } from '../user.entity';

export class CreateUserDto {
  @ApiProperty({ example: 'zhang.wei' })
  @IsString()
  @Matches(/^[a-zA-Z0-9._-]{3,64}$/, { message: 'username must be 3–64 letters, digits, dots, dashes or underscores' })
  username!: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  password!: string;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true })
  roles!: StaffRole[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 128)
  displayName?: string;

  @ApiPropertyOptional({ description: 'Required for the institution role: the institution the user works for' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: STAFF_ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true })
  roles?: StaffRole[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minLength: 10 })
  @IsOptional()
  @IsString()
  @MinLength(10)
  password?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 128)
  displayName?: string;
}

export class UserQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STAFF_ROLES, description: 'Only users holding this role' })
  @IsOptional()
  @IsIn(STAFF_ROLES)
  role?: StaffRole;

  @ApiPropertyOptional({ description: 'Only the users of this institution' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: active accounts only; false: deactivated only' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Part of the user name or the display name' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  q?: string;
}

/** The institution a user works for, as the admin reads it in the list. */
export class UserInstitutionView {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class UserView {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: STAFF_ROLES, isArray: true }) roles!: StaffRole[];
  @ApiProperty({ nullable: true, type: String }) institutionId!: string | null;
  @ApiPropertyOptional({ type: UserInstitutionView, nullable: true, description: 'In lists: code and name' })
  institution?: UserInstitutionView | null;
  @ApiProperty() active!: boolean;
  @ApiProperty() createdAt!: string;

  static of(u: UserEntity): UserView {
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      institutionId: u.institutionId,
      active: u.active,
      createdAt: iso(u.createdAt)!,
    };
  }
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  currentPassword!: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @Length(10, 200)
  newPassword!: string;
}

export class PasswordChangedView {
  @ApiProperty({ enum: [true] })
  changed!: true;
}

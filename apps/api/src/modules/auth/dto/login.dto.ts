import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { UserView } from '../../users/dto/user.dto';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 256)
  password!: string;
}

export class LoginResponse {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn!: number;
  @ApiProperty({ type: UserView }) user!: Pick<UserView, 'id' | 'username' | 'roles'> & Partial<UserView>;
}

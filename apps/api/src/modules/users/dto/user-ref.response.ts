import { ApiProperty } from '@nestjs/swagger';

/** A user named in another record (author, reviewer, requester). */
export class UserRefView {
  @ApiProperty()
  id!: string;

  @ApiProperty({ nullable: true, type: String })
  username!: string | null;
}

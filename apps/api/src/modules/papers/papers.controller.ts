import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { PaperQuery } from './dto/paper-request.dto';
import { PapersService } from './papers.service';

@ApiTags('papers')
@ApiBearerAuth()
@Controller('papers')
export class PapersController {
  constructor(private readonly papers: PapersService) {}

  @Get()
  @Roles('centre')
  list(@Query() q: PaperQuery) {
    return this.papers.list(q);
  }

  @Get(':id')
  @Roles('centre', 'institution')
  @ApiOkResponse({
    description: 'The paper; keys only for the centre. An institution gets 403 PAPER_SEALED before release.',
  })
  get(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.papers.get(p, id);
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('centre')
  release(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.papers.release(id, actorOf(p));
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles('centre')
  @ApiOkResponse({ description: '`{match, contentHash, storedHash, rederivedHash, …}`' })
  verify(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.papers.verify(actorOf(p), id);
  }
}

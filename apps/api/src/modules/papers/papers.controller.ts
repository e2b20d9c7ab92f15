import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-errors';
import { PageOf } from '../../common/page.response';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { PaperQuery } from './dto/paper-request.dto';
import { PaperReleaseView, PaperResponse, PaperSummaryView, PaperVerifyResponse } from './dto/paper.response';
import { PapersService } from './papers.service';

@ApiTags('papers')
@ApiBearerAuth()
@Controller('papers')
export class PapersController {
  constructor(private readonly papers: PapersService) {}

  @Get()
  @Roles('centre')
  @ApiOkResponse({ type: PageOf(PaperSummaryView) })
  list(@Query() q: PaperQuery) {
    return this.papers.list(q);
  }

  @Get(':id')
  @Roles('centre', 'institution')
  @ApiOkResponse({
    type: PaperResponse,
    description: 'The paper; keys only for the centre. An institution gets 403 PAPER_SEALED before release.',
  })
  @ApiErrors('PAPER_NOT_FOUND', 'PAPER_SEALED')
  get(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.papers.get(p, id);
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('centre')
  @ApiOkResponse({ type: PaperReleaseView })
  @ApiErrors('PAPER_NOT_FOUND')
  release(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.papers.release(id, actorOf(p));
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles('centre')
  @ApiOkResponse({
    type: PaperVerifyResponse,
    description: 'Re-derivation from the stored item versions and the request seed',
  })
  @ApiErrors('PAPER_NOT_FOUND')
  verify(@CurrentPrincipal() p: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.papers.verify(actorOf(p), id);
  }
}

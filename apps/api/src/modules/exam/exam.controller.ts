import {
  Body,
  Controller,
  createParamDecorator,
  ExecutionContext,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Req,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { RouteSchema } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../../common/app.exception';
import { openApiSchemaOf, ZodBodyPipe } from '../../common/zod-body.pipe';
import { CurrentPrincipal, Public, Roles } from '../auth/decorators';
import type { CandidatePrincipal } from '../auth/principal';
import {
  AnswerAckView,
  CANDIDATE_ATTEMPT_SCHEMA,
  CandidateLoginBody,
  CandidateLoginSchema,
  CandidateTokenView,
  CursorDto,
  IntegrityEventDto,
  SaveAnswerBody,
  SaveAnswerSchema,
} from './dto/exam.dto';
import type { AttemptContext } from './exam.repository';
import { CandidateAttemptView, ExamRequest, ExamService, signInFrom } from './exam.service';

/** The attempt the guard resolved from the candidate's token; never from a path or body. */
const CurrentAttempt = createParamDecorator((_: unknown, ctx: ExecutionContext): AttemptContext => {
  const attempt = ctx.switchToHttp().getRequest<ExamRequest>().examAttempt;
  if (!attempt) throw unauthorized('TOKEN_INVALID', 'This route needs a candidate token');
  return attempt;
});

@ApiTags('exam (candidate)')
@Controller('exam')
export class ExamController {
  constructor(private readonly exam: ExamService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchemaOf(CandidateLoginSchema) })
  @ApiOkResponse({ type: CandidateTokenView })
  @ApiUnauthorizedResponse({ description: 'CANDIDATE_CREDENTIALS_INVALID' })
  @ApiForbiddenResponse({ description: 'SESSION_NOT_OPEN (before the start or after the end), SEB_REQUIRED' })
  @ApiTooManyRequestsResponse({ description: 'TOO_MANY_ATTEMPTS: failures throttled per ticket and per address' })
  login(
    @Body(new ZodBodyPipe(CandidateLoginSchema)) dto: CandidateLoginBody,
    @Req() req: FastifyRequest,
  ): Promise<{ token: string }> {
    return this.exam.login(dto.ticketNo.trim(), dto.idNumber, signInFrom(req));
  }

  @Get('attempt')
  @ApiBearerAuth()
  @Roles('candidate')
  @ApiOkResponse({
    description:
      "The paper without keys, options in the candidate's order, saved answers, remaining seconds by the server clock",
  })
  @ApiUnauthorizedResponse({ description: 'SESSION_REPLACED when another device signed in' })
  @RouteSchema({ response: { 200: CANDIDATE_ATTEMPT_SCHEMA } })
  attempt(@CurrentAttempt() a: AttemptContext): Promise<CandidateAttemptView> {
    return this.exam.attempt(a);
  }

  @Put('attempt/answers/:position')
  @ApiBearerAuth()
  @Roles('candidate')
  @ApiBody({ schema: openApiSchemaOf(SaveAnswerSchema) })
  @ApiOkResponse({ type: AnswerAckView, description: 'Sent only after the answer and its log row are committed' })
  @ApiConflictResponse({ description: 'DEADLINE_PASSED, ATTEMPT_SUBMITTED' })
  save(
    @CurrentAttempt() a: AttemptContext,
    @CurrentPrincipal() p: CandidatePrincipal,
    @Param('position', ParseIntPipe) position: number,
    @Body(new ZodBodyPipe(SaveAnswerSchema)) dto: SaveAnswerBody,
  ) {
    return this.exam.saveAnswer(a, p.deviceId, position, dto);
  }

  @Put('attempt/cursor')
  @HttpCode(204)
  @ApiBearerAuth()
  @Roles('candidate')
  async cursor(@CurrentAttempt() a: AttemptContext, @Body() dto: CursorDto): Promise<void> {
    await this.exam.setCursor(a, dto.position);
  }

  @Post('attempt/events')
  @HttpCode(202)
  @ApiBearerAuth()
  @Roles('candidate')
  async event(@CurrentAttempt() a: AttemptContext, @Body() dto: IntegrityEventDto): Promise<void> {
    await this.exam.recordEvent(a, dto);
  }

  @Post('attempt/submit')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('candidate')
  submit(@CurrentAttempt() a: AttemptContext) {
    return this.exam.submit(a);
  }
}

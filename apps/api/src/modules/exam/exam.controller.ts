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
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrors } from '../../common/api-errors';
import { CompiledResponse } from '../../common/compiled-response';
import { unauthorized } from '../../common/app.exception';
import { openApiSchemaOf, ZodBodyPipe } from '../../common/zod-body.pipe';
import { CurrentPrincipal, Public, Roles } from '../auth/decorators';
import type { CandidatePrincipal } from '../auth/principal';
import { AttemptView, SubmitView } from './dto/attempt.response';
import {
  AnswerAckView,
  CandidateLoginBody,
  CandidateLoginSchema,
  CandidateTokenView,
  CursorDto,
  IntegrityEventDto,
  SaveAnswerBody,
  SaveAnswerSchema,
} from './dto/exam.dto';
import type { AttemptContext } from './exam.repository';
import { AttemptRef, ExamRequest, signInFrom } from './candidate-request';
import { CandidateAttemptView, ExamService } from './exam.service';
import { SignInService } from './sign-in.service';

/** The attempt the guard resolved from the candidate's token; never from a path or body. */
const CurrentAttempt = createParamDecorator((_: unknown, ctx: ExecutionContext): AttemptContext => {
  const attempt = ctx.switchToHttp().getRequest<ExamRequest>().examAttempt;
  if (!attempt) throw unauthorized('TOKEN_INVALID', 'This route needs a candidate token');
  return attempt;
});

/** For an answer save: the attempt the token names (its claims, or the context the guard looked up). */
const CurrentAttemptRef = createParamDecorator((_: unknown, ctx: ExecutionContext): AttemptRef => {
  const req = ctx.switchToHttp().getRequest<ExamRequest>();
  const ref = req.examAttemptRef ?? req.examAttempt;
  if (!ref) throw unauthorized('TOKEN_INVALID', 'This route needs a candidate token');
  return ref;
});

@ApiTags('exam (candidate)')
@Controller('exam')
export class ExamController {
  constructor(
    private readonly exam: ExamService,
    private readonly signIn: SignInService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchemaOf(CandidateLoginSchema) })
  @ApiOkResponse({ type: CandidateTokenView })
  @CompiledResponse()
  @ApiErrors(
    'VALIDATION_FAILED',
    'CANDIDATE_CREDENTIALS_INVALID',
    'SESSION_NOT_OPEN',
    'SEB_REQUIRED',
    'PAPER_NOT_AVAILABLE',
    'TOO_MANY_ATTEMPTS',
  )
  login(
    @Body(new ZodBodyPipe(CandidateLoginSchema)) dto: CandidateLoginBody,
    @Req() req: FastifyRequest,
  ): Promise<{ token: string }> {
    return this.signIn.login(dto.ticketNo.trim(), dto.idNumber, signInFrom(req));
  }

  @Get('attempt')
  @ApiBearerAuth()
  @Roles('candidate')
  @ApiOkResponse({
    type: AttemptView,
    description:
      "The paper without keys, options in the candidate's order, saved answers, remaining seconds by the server clock",
  })
  @ApiErrors('TOKEN_INVALID', 'SESSION_REPLACED', 'ATTEMPT_NOT_FOUND')
  // Every candidate loads a hundred items at the start of a session: serialised from AttemptView's schema, which
  // also means only the properties AttemptView names can leave (no key, no explanation).
  @CompiledResponse()
  attempt(@CurrentAttempt() a: AttemptContext): Promise<CandidateAttemptView> {
    return this.exam.attempt(a);
  }

  @Put('attempt/answers/:position')
  @ApiBearerAuth()
  @Roles('candidate')
  @ApiBody({ schema: openApiSchemaOf(SaveAnswerSchema) })
  @ApiOkResponse({ type: AnswerAckView, description: 'Sent only after the answer and its log row are committed' })
  @CompiledResponse()
  @ApiErrors(
    'VALIDATION_FAILED',
    'ANSWER_INVALID',
    'TOKEN_INVALID',
    'SESSION_REPLACED',
    'POSITION_NOT_FOUND',
    'DEADLINE_PASSED',
    'ATTEMPT_SUBMITTED',
    'ATTEMPT_PAUSED',
    'PAYLOAD_TOO_LARGE',
  )
  save(
    @CurrentAttemptRef() a: AttemptRef,
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
  @ApiNoContentResponse({ description: 'The position the candidate is on, restored on the next load' })
  @ApiErrors('VALIDATION_FAILED', 'TOKEN_INVALID', 'SESSION_REPLACED', 'POSITION_NOT_FOUND')
  async cursor(@CurrentAttempt() a: AttemptContext, @Body() dto: CursorDto): Promise<void> {
    await this.exam.setCursor(a, dto.position);
  }

  @Post('attempt/events')
  @HttpCode(202)
  @ApiBearerAuth()
  @Roles('candidate')
  @ApiAcceptedResponse({ description: 'The integrity event is recorded' })
  @ApiErrors('VALIDATION_FAILED', 'TOKEN_INVALID', 'SESSION_REPLACED')
  async event(@CurrentAttempt() a: AttemptContext, @Body() dto: IntegrityEventDto): Promise<void> {
    await this.exam.recordEvent(a, dto);
  }

  @Post('attempt/submit')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('candidate')
  @ApiOkResponse({ type: SubmitView, description: 'Score and pass only when the session shows results' })
  @ApiErrors('TOKEN_INVALID', 'SESSION_REPLACED', 'ATTEMPT_NOT_SUBMITTED', 'ATTEMPT_PAUSED')
  submit(@CurrentAttempt() a: AttemptContext): Promise<SubmitView> {
    return this.exam.submit(a);
  }
}

import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { IncomingMessage, ServerResponse } from 'http';
import { badRequest, AppException } from '../../common/app.exception';
import { toErrorBody } from '../../common/http-exception.filter';
import { TokensService } from '../auth/tokens.service';
import { SaveAnswerDto } from './dto/exam.dto';
import { ExamService } from './exam.service';

const SAVE_PATH = /^\/api\/v1\/exam\/attempt\/answers\/(\d{1,6})(?:\?|$)/;
const ATTEMPT_PATH = /^\/api\/v1\/exam\/attempt\/?(?:\?|$)/;
const JSON_TYPE = /^application\/json\s*(?:;|$)/i;
const MAX_BODY_BYTES = 64 * 1024;
const FIELDS = new Set(['answer', 'seq', 'clientTime']);

type SaveBody = { answer?: unknown; seq: number; clientTime?: string };

/** Which hot route a request is for: an answer save (with its position) or the attempt load. */
export type CandidateRoute = { kind: 'save'; position: number } | { kind: 'attempt' };

/**
 * The two candidate routes that carry an exam day's traffic, without Express, Nest's guard/pipe chain or per-request
 * logging: `PUT /api/v1/exam/attempt/answers/{position}` (every candidate, every few seconds) and
 * `GET /api/v1/exam/attempt` (every candidate within the first minute of a session). The regular pipeline costs
 * several times the work itself on both.
 *
 * They do the same checks in the same order as the pipeline: bearer token, candidate role, live device, then for a
 * save the body rules of {@link SaveAnswerDto} and {@link ExamService.saveAnswer}, which validates the answer against
 * the item and commits before it answers, and for a load {@link ExamService.attemptJson}. Replies carry the same
 * bodies and the same security headers. Whatever is not the plain case (no or bad token, staff token, replaced
 * device, Safe Exam Browser sessions, non-JSON bodies, CORS deployments) is handed to the regular pipeline untouched,
 * before the body is read, so those answers come from one place. Failures are logged as warnings, as the pipeline
 * does.
 */
@Injectable()
export class CandidateRoutes {
  private readonly logger = new Logger('CandidateRoutes');
  private headers: Record<string, string> = {};

  constructor(
    private readonly tokens: TokensService,
    private readonly exam: ExamService,
  ) {}

  /** The headers every API response carries (helmet's), captured once at boot. */
  useHeaders(headers: Record<string, string>): void {
    this.headers = { ...headers, 'content-type': 'application/json; charset=utf-8' };
  }

  /** The route a request is for, or null when it is for neither. */
  match(req: IncomingMessage): CandidateRoute | null {
    if (req.method === 'PUT') {
      const m = SAVE_PATH.exec(req.url ?? '');
      return m ? { kind: 'save', position: Number(m[1]) } : null;
    }
    return req.method === 'GET' && ATTEMPT_PATH.test(req.url ?? '') ? { kind: 'attempt' } : null;
  }

  async handle(req: IncomingMessage, res: ServerResponse, route: CandidateRoute, regular: () => void): Promise<void> {
    const auth = req.headers.authorization;
    if (!auth?.startsWith('Bearer ')) return regular();
    if (route.kind === 'save' && !JSON_TYPE.test(req.headers['content-type'] ?? '')) return regular();
    let principal;
    try {
      principal = this.tokens.verify(auth.slice(7).trim());
    } catch {
      return regular();
    }
    if (principal.kind !== 'candidate') return regular();
    const ctx = await this.exam.hotContext(principal).catch(() => null);
    if (!ctx) return regular();

    try {
      if (route.kind === 'attempt') return this.send(res, 200, await this.exam.attemptJson(ctx));
      const body = await readJson(req);
      const fault = await bodyFault(body);
      if (fault) throw fault;
      this.send(res, 200, JSON.stringify(await this.exam.saveAnswer(ctx, principal.deviceId, route.position, body as SaveBody)));
    } catch (err) {
      const body = toErrorBody(err);
      if (body.statusCode >= 500) this.logger.error(err instanceof Error ? err.stack : String(err));
      else this.logger.warn(`${req.method} ${req.url} ${body.statusCode} ${body.code}`);
      this.send(res, body.statusCode, JSON.stringify(body));
    }
  }

  private send(res: ServerResponse, status: number, text: string): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, { ...this.headers, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }
}

/** The request body as JSON, with body-parser's answers for the failures (size, syntax). */
function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      return reject(new AppException('PAYLOAD_TOO_LARGE', HttpStatus.PAYLOAD_TOO_LARGE, `An answer body is at most ${MAX_BODY_BYTES} bytes`));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new AppException('PAYLOAD_TOO_LARGE', HttpStatus.PAYLOAD_TOO_LARGE, `An answer body is at most ${MAX_BODY_BYTES} bytes`));
      } else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return;
      try {
        const value: unknown = JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
        if (typeof value !== 'object' || value === null) throw new SyntaxError('not an object');
        resolve(value);
      } catch {
        reject(badRequest('MALFORMED_JSON', 'The request body is not valid JSON'));
      }
    });
  });
}

/** {@link SaveAnswerDto}'s rules, checked by hand on the hot path; a failure is described by class-validator itself. */
async function bodyFault(body: unknown): Promise<AppException | null> {
  const b = body as Record<string, unknown>;
  const plain =
    !Array.isArray(body) &&
    Object.keys(b).every((k) => FIELDS.has(k)) &&
    Number.isInteger(b.seq) &&
    (b.seq as number) >= 1 &&
    (b.seq as number) <= 2_000_000_000 &&
    (b.clientTime === undefined || (typeof b.clientTime === 'string' && b.clientTime.length <= 40));
  if (plain) return null;
  if (Array.isArray(body)) return badRequest('VALIDATION_FAILED', 'The request is not valid', ['the body must be a JSON object']);
  const errors = await validate(plainToInstance(SaveAnswerDto, b), { whitelist: true, forbidNonWhitelisted: true });
  return errors.length ? badRequest('VALIDATION_FAILED', 'The request is not valid', errors.flatMap((e) => Object.values(e.constraints ?? {}))) : null;
}

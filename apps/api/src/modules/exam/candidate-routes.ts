import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { IncomingMessage, ServerResponse } from 'http';
import proxyaddr from 'proxy-addr';
import type { TLSSocket } from 'tls';
import { badRequest, AppException } from '../../common/app.exception';
import { toErrorBody } from '../../common/http-exception.filter';
import { TokensService } from '../auth/tokens.service';
import { CandidateLoginDto, SaveAnswerDto } from './dto/exam.dto';
import { ExamService, SEB_HEADER, SignInFrom } from './exam.service';

const LOGIN_PATH = /^\/api\/v1\/exam\/login\/?(?:\?|$)/;
const SAVE_PATH = /^\/api\/v1\/exam\/attempt\/answers\/(\d{1,6})(?:\?|$)/;
const ATTEMPT_PATH = /^\/api\/v1\/exam\/attempt\/?(?:\?|$)/;
const JSON_TYPE = /^application\/json\s*(?:;|$)/i;
const MAX_BODY_BYTES = 64 * 1024;
const FIELDS = new Set(['answer', 'seq', 'clientTime']);
const LOGIN_FIELDS = new Set(['ticketNo', 'idNumber']);

type SaveBody = { answer?: unknown; seq: number; clientTime?: string };

/** Which hot route a request is for: sign-in, an answer save (with its position) or the attempt load. */
export type CandidateRoute = { kind: 'login' } | { kind: 'save'; position: number } | { kind: 'attempt' };

/** Express's `trust proxy` decision for an address and its hop: `req.ip` and `req.protocol` are derived with it. */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * The candidate routes that carry an exam day's traffic, without Express, Nest's guard/pipe chain or per-request
 * logging: `POST /api/v1/exam/login` and `GET /api/v1/exam/attempt` (every candidate within the first minute of a
 * session) and `PUT /api/v1/exam/attempt/answers/{position}` (every candidate, every few seconds). The regular
 * pipeline costs several times the work itself on all three.
 *
 * They do the same checks in the same order as the pipeline: for sign-in the body rules of
 * {@link CandidateLoginDto}, then {@link ExamService.login} with the client address and URL derived as Express derives
 * them under the same `trust proxy` setting; otherwise bearer token, candidate role and live device, then for a save
 * the body rules of {@link SaveAnswerDto} and {@link ExamService.saveAnswer}, which validates the answer against the
 * item and commits before it answers, and for a load {@link ExamService.attemptJson}. Replies carry the same bodies
 * and the same security headers. Whatever is not the plain case (no or bad token, staff token, replaced device, Safe
 * Exam Browser sessions after sign-in, non-JSON bodies, CORS deployments) is handed to the regular pipeline
 * untouched, before the body is read, so those answers come from one place. Failures are logged as warnings, as the
 * pipeline does.
 */
@Injectable()
export class CandidateRoutes {
  private readonly logger = new Logger('CandidateRoutes');
  private headers: Record<string, string> = {};
  private trust: TrustProxy = () => false;

  constructor(
    private readonly tokens: TokensService,
    private readonly exam: ExamService,
  ) {}

  /** The headers every API response carries (helmet's), captured once at boot. */
  useHeaders(headers: Record<string, string>): void {
    this.headers = { ...headers, 'content-type': 'application/json; charset=utf-8' };
  }

  /** Express's compiled `trust proxy` setting, so addresses and protocols come out as `req.ip` and `req.protocol` would. */
  useTrustProxy(trust: TrustProxy): void {
    this.trust = trust;
  }

  /** The route a request is for, or null when it is for none of them. */
  match(req: IncomingMessage): CandidateRoute | null {
    if (req.method === 'POST') return LOGIN_PATH.test(req.url ?? '') ? { kind: 'login' } : null;
    if (req.method === 'PUT') {
      const m = SAVE_PATH.exec(req.url ?? '');
      return m ? { kind: 'save', position: Number(m[1]) } : null;
    }
    return req.method === 'GET' && ATTEMPT_PATH.test(req.url ?? '') ? { kind: 'attempt' } : null;
  }

  async handle(req: IncomingMessage, res: ServerResponse, route: CandidateRoute, regular: () => void): Promise<void> {
    if (route.kind === 'login') return this.login(req, res, regular);
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
      const fault = await dtoFault(body, isPlainSave, SaveAnswerDto);
      if (fault) throw fault;
      this.send(
        res,
        200,
        JSON.stringify(await this.exam.saveAnswer(ctx, principal.deviceId, route.position, body as SaveBody)),
      );
    } catch (err) {
      this.fail(req, res, err);
    }
  }

  private async login(req: IncomingMessage, res: ServerResponse, regular: () => void): Promise<void> {
    if (!JSON_TYPE.test(req.headers['content-type'] ?? '')) return regular();
    try {
      const body = await readJson(req);
      const fault = await dtoFault(body, isPlainLogin, CandidateLoginDto);
      if (fault) throw fault;
      const { ticketNo, idNumber } = body as { ticketNo: string; idNumber: string };
      const from: SignInFrom = {
        ip: proxyaddr(req, this.trust),
        sebHash: String(req.headers[SEB_HEADER] ?? ''),
        url: () => `${this.protocol(req)}://${req.headers.host ?? ''}${req.url ?? ''}`,
      };
      this.send(res, 200, JSON.stringify(await this.exam.login(ticketNo.trim(), idNumber, from)));
    } catch (err) {
      this.fail(req, res, err);
    }
  }

  /** `req.protocol` as Express 5 has it: the socket's, or a trusted proxy's X-Forwarded-Proto. */
  private protocol(req: IncomingMessage): string {
    const own = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
    if (!this.trust(req.socket.remoteAddress ?? '', 0)) return own;
    const header = req.headers['x-forwarded-proto'];
    const value = (Array.isArray(header) ? header[0] : header) || own;
    return value.split(',')[0].trim();
  }

  private fail(req: IncomingMessage, res: ServerResponse, err: unknown): void {
    const body = toErrorBody(err);
    if (body.statusCode >= 500) this.logger.error(err instanceof Error ? err.stack : String(err));
    else this.logger.warn(`${req.method} ${req.url?.split('?')[0]} ${body.statusCode} ${body.code}`);
    this.send(res, body.statusCode, JSON.stringify(body));
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
      return reject(
        new AppException(
          'PAYLOAD_TOO_LARGE',
          HttpStatus.PAYLOAD_TOO_LARGE,
          `An answer body is at most ${MAX_BODY_BYTES} bytes`,
        ),
      );
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(
          new AppException(
            'PAYLOAD_TOO_LARGE',
            HttpStatus.PAYLOAD_TOO_LARGE,
            `An answer body is at most ${MAX_BODY_BYTES} bytes`,
          ),
        );
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

/** {@link SaveAnswerDto}'s rules, checked by hand. */
function isPlainSave(b: Record<string, unknown>): boolean {
  return (
    Object.keys(b).every((k) => FIELDS.has(k)) &&
    Number.isInteger(b.seq) &&
    (b.seq as number) >= 1 &&
    (b.seq as number) <= 2_000_000_000 &&
    (b.clientTime === undefined || (typeof b.clientTime === 'string' && b.clientTime.length <= 40))
  );
}

/** {@link CandidateLoginDto}'s rules, checked by hand. */
function isPlainLogin(b: Record<string, unknown>): boolean {
  const ok = (v: unknown) => typeof v === 'string' && v.length >= 1 && v.length <= 32;
  return Object.keys(b).every((k) => LOGIN_FIELDS.has(k)) && ok(b.ticketNo) && ok(b.idNumber);
}

/**
 * A DTO's rules on the hot path: the hand-written check passes the plain case; anything else is judged by
 * class-validator itself, so a failure is described (and an edge case accepted) exactly as the pipeline would.
 */
async function dtoFault(
  body: unknown,
  plain: (b: Record<string, unknown>) => boolean,
  dto: new () => object,
): Promise<AppException | null> {
  if (Array.isArray(body))
    return badRequest('VALIDATION_FAILED', 'The request is not valid', ['the body must be a JSON object']);
  const b = body as Record<string, unknown>;
  if (plain(b)) return null;
  const errors = await validate(plainToInstance(dto, b), { whitelist: true, forbidNonWhitelisted: true });
  return errors.length
    ? badRequest(
        'VALIDATION_FAILED',
        'The request is not valid',
        errors.flatMap((e) => Object.values(e.constraints ?? {})),
      )
    : null;
}

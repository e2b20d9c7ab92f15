import { createHash } from 'crypto';
import type { FastifyRequest } from 'fastify';
import type { AttemptContext } from './exam.repository';

export const SEB_HEADER = 'x-safeexambrowser-configkeyhash';

/** Which attempt an answer save writes to, and its paper and session: all an answer save needs of the guard. */
export type AttemptRef = Pick<AttemptContext, 'id' | 'sessionId' | 'paperId'>;

/** The attempt context the guard attached to a candidate request (an answer save may get only its reference). */
export interface ExamRequest extends FastifyRequest {
  examAttempt?: AttemptContext;
  examAttemptRef?: AttemptRef;
}

/** What sign-in and the Safe Exam Browser check need of an HTTP request. */
export interface SignInFrom {
  /** The client's address (behind a trusted proxy, the address the proxy reports). */
  ip: string;
  /** Safe Exam Browser's Config Key header, empty when not sent. */
  sebHash: string;
  /** The absolute URL of the request, which the SEB header hashes. */
  url(): string;
}

/** Address and protocol as a trusted proxy reports them (Fastify's `trustProxy`), the host as the browser sent it. */
export function signInFrom(req: FastifyRequest): SignInFrom {
  return {
    ip: req.ip,
    sebHash: String(req.headers[SEB_HEADER] ?? ''),
    url: () => `${req.protocol}://${req.headers.host ?? ''}${req.originalUrl}`,
  };
}

/** Safe Exam Browser's Config Key header: SHA-256 of the absolute request URL followed by the config key. */
export function sebHash(url: string, configKey: string): string {
  return createHash('sha256')
    .update(url + configKey)
    .digest('hex');
}

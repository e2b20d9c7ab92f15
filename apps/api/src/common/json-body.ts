import type { FastifyInstance } from 'fastify';
import { badRequest } from './app.exception';

/** Deeper bodies are refused before they are parsed: no request of the contract nests beyond a few levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether a JSON text opens more than `max` arrays or objects inside one another. One pass over the characters,
 * skipping strings, so it costs less than the parse it protects: a deeply nested value would otherwise reach the
 * validators, which walk it recursively and overflow the stack.
 */
export function jsonDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * The JSON body parser of every route: Fastify's own (prototype-poisoning checks, body limit) behind the depth
 * check. An empty body is no body, as a client that always sends `Content-Type: application/json` expects.
 */
export function useJsonBodyParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    if (text.length === 0) return done(null, undefined);
    if (jsonDeeperThan(text, MAX_JSON_DEPTH))
      return done(
        badRequest('BODY_TOO_DEEP', `The request body nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep`),
        undefined,
      );
    parse(req, text, done);
  });
}

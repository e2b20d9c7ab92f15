import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'http';

/** What one helmet configuration sets on every response: header name (lower case) to value. */
export type HeaderSet = Readonly<Record<string, string>>;

/**
 * Runs helmet's middleware once against a recording response and returns the headers it sets. With a configuration
 * that has no per-request parts (no nonce functions) helmet's headers are the same for every response, so they are
 * worked out at boot and each request only copies them; helmet stays the one definition of what they are.
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): HeaderSet {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return recorder;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failed: unknown;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => (failed = err));
  if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  return Object.freeze(headers);
}

export interface SecurityHeaderRules {
  /** Every response's headers. */
  global: HeaderSet;
  /** Responses under these URL prefixes get these headers instead (the docs pages' looser script policy). */
  byPrefix: readonly { prefix: string; headers: HeaderSet }[];
  /** Responses under this prefix are marked `Cache-Control: no-store`. */
  noStorePrefix: string;
}

/**
 * One `onRequest` hook for the headers every response carries: the prebuilt security headers, and `no-store` on the
 * API. A handler may still override any of them (the console's page sets its own Content-Security-Policy).
 */
export function useSecurityHeaders(fastify: FastifyInstance, rules: SecurityHeaderRules): void {
  const sets = rules.byPrefix.map((r) => ({ prefix: r.prefix, entries: Object.entries(r.headers) }));
  const global = Object.entries(rules.global);
  fastify.addHook('onRequest', (req, reply, done) => {
    const url = req.url;
    let entries = global;
    for (const s of sets)
      if (url.startsWith(s.prefix)) {
        entries = s.entries;
        break;
      }
    for (const [name, value] of entries) void reply.header(name, value);
    if (url.startsWith(rules.noStorePrefix)) void reply.header('cache-control', 'no-store');
    done();
  });
}

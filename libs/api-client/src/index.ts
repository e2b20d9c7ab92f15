import createClient, { type Client } from 'openapi-fetch';
import type { ErrorCode, IntegrityEventDto, paths, SavedAnswerView } from './schema';

export * from './schema';

/** judge → true/false; single → "B"; multiple → ["A","D"] (letters as shown); null clears. */
export type AnswerValue = SavedAnswerView['answer'];
export type EventDetail = NonNullable<IntegrityEventDto['detail']>;
/** The body of an answer save, as the route's compiled schema declares it. */
export type SaveAnswerBody =
  paths['/api/v1/exam/attempt/answers/{position}']['put']['requestBody']['content']['application/json'];

/** Codes a client gives a request that got no HTTP response; the server's codes come from its catalogue. */
export const CLIENT_ERROR_CODES = { network: 'NETWORK_ERROR', timeout: 'TIMEOUT' } as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[keyof typeof CLIENT_ERROR_CODES];

/**
 * An API failure. `status` is 0 when no HTTP response arrived (network down, timeout); `code` is the server's stable
 * UPPER_SNAKE_CASE code, or undefined when the body had none (a proxy's page, say), which callers treat as transient.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode | undefined,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export interface ApiClientOptions {
  /** Origin the API is served from; '' for the page's own. Paths carry the `/api/v1` prefix, as in the document. */
  baseUrl?: string;
  /** The bearer token to send, read on every request. */
  getToken: () => string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type ApiClient = Client<paths>;

/** openapi-fetch over the generated paths, with the bearer token and a timeout on every request. */
export function createApiClient({
  baseUrl = '',
  getToken,
  fetch: fetchImpl,
  timeoutMs = 15_000,
}: ApiClientOptions): ApiClient {
  const doFetch = fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const client = createClient<paths>({
    baseUrl,
    cache: 'no-store',
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    fetch: async (request) => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        return await doFetch(new Request(request, { signal: controller.signal }));
      } catch (err) {
        const timedOut = controller.signal.aborted;
        throw new ApiError(
          0,
          timedOut ? CLIENT_ERROR_CODES.timeout : CLIENT_ERROR_CODES.network,
          timedOut ? 'Request timed out' : String(err),
        );
      } finally {
        clearTimeout(timer);
      }
    },
  });
  client.use({
    onRequest: ({ request }) => {
      const token = getToken();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  });
  return client;
}

/** The body of a successful response, or an ApiError carrying the server's `{statusCode, code, message, details?}`. */
export async function unwrap<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await pending;
  if (response.ok) return data as T;
  const body = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    message?: unknown;
    details?: unknown;
  };
  throw new ApiError(
    response.status,
    typeof body.code === 'string' ? (body.code as ErrorCode) : undefined,
    typeof body.message === 'string' ? body.message : `HTTP ${response.status}`,
    body.details,
  );
}

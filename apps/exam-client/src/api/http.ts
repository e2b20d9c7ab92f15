import { ErrorCode } from './types';

/**
 * An API failure. `status` is 0 when no HTTP response arrived (network down, timeout);
 * `code` is the server's stable UPPER_SNAKE_CASE code, or undefined when the body had none
 * (a proxy page, say), which callers treat as transient.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
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

export interface HttpClientOptions {
  baseUrl: string;
  getToken: () => string | null;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface HttpClient {
  request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T>;
}

export function createHttpClient({ baseUrl, getToken, fetchImpl, timeoutMs = 15_000 }: HttpClientOptions): HttpClient {
  const doFetch = fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  return {
    async request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const token = getToken();
      if (token) headers.Authorization = `Bearer ${token}`;

      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      let response: Response;
      try {
        response = await doFetch(baseUrl + path, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: controller.signal,
          cache: 'no-store',
          credentials: 'same-origin',
        });
      } catch (err) {
        const timedOut = controller.signal.aborted;
        throw new ApiError(
          0,
          timedOut ? ErrorCode.Timeout : ErrorCode.Network,
          timedOut ? 'Request timed out' : String(err),
        );
      } finally {
        clearTimeout(timer);
      }

      const text = await response.text().catch(() => '');
      let parsed: unknown = undefined;
      if (text) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
      }
      if (!response.ok) {
        const errBody = (parsed ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
        throw new ApiError(
          response.status,
          typeof errBody.code === 'string' ? errBody.code : undefined,
          typeof errBody.message === 'string' ? errBody.message : `HTTP ${response.status}`,
          errBody.details,
        );
      }
      return parsed as T;
    },
  };
}

import { ApiError, createApiClient, unwrap, type ApiClient } from '@jianding/api-client';
import { SessionStore } from '../auth/session';

export { ApiError, unwrap };

export const sessions = new SessionStore();

/**
 * The console's one API client. A 401 on a request that carried a token means the token expired (or the account was
 * disabled): the session ends and the shell shows the sign-in page with a message.
 */
export const api: ApiClient = createApiClient({
  getToken: () => sessions.token,
  fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const sentToken = request.headers.has('Authorization');
    const response = await fetch(request);
    if (response.status === 401 && sentToken) sessions.signOut('expired');
    return response;
  },
});

/** A file the API answers with (template, export, bad rows; requested with `parseAs: 'blob'`), saved by the browser. */
export async function download(
  pending: Promise<{ data?: unknown; error?: unknown; response: Response }>,
  fileName: string,
): Promise<void> {
  const blob = await unwrap(pending as Promise<{ data?: Blob; error?: unknown; response: Response }>);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

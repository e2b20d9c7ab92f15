import { useQuery } from '@tanstack/react-query';
import type { paths } from '@jianding/api-client';
import { api, unwrap } from './client';

export type PaperRequestListQuery = NonNullable<paths['/api/v1/paper-requests']['get']['parameters']['query']>;
export type PaperListQuery = NonNullable<paths['/api/v1/papers']['get']['parameters']['query']>;
export type AuditQuery = NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>;
export type CreatePaperRequestBody =
  paths['/api/v1/paper-requests']['post']['requestBody']['content']['application/json'];

/** Query keys of the paper-request, paper and audit pages. */
export const paperKeys = {
  institution: (id: string) => ['institution', id] as const,
  requests: (q: PaperRequestListQuery) => ['paper-requests', q] as const,
  request: (id: string) => ['paper-request', id] as const,
  papers: (q: PaperListQuery) => ['papers', q] as const,
  paper: (id: string) => ['paper', id] as const,
  audit: (q: AuditQuery) => ['audit', q] as const,
};

/** While a request is being assembled its progress is polled this often. */
export const PROGRESS_POLL_MS = 1000;

/** The user's own institution (its filed scope and validity): what the request form offers. */
export const useInstitution = (id: string | undefined) =>
  useQuery({
    queryKey: paperKeys.institution(id ?? ''),
    enabled: !!id,
    queryFn: () => unwrap(api.GET('/api/v1/institutions/{id}', { params: { path: { id: id! } } })),
  });

export const usePaperRequests = (q: PaperRequestListQuery) =>
  useQuery({
    queryKey: paperKeys.requests(q),
    queryFn: () => unwrap(api.GET('/api/v1/paper-requests', { params: { query: q } })),
    placeholderData: (prev) => prev,
  });

/** One request; polled until its assembly is ready or failed. */
export const usePaperRequest = (id: string) =>
  useQuery({
    queryKey: paperKeys.request(id),
    queryFn: () => unwrap(api.GET('/api/v1/paper-requests/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => (query.state.data?.status === 'assembling' ? PROGRESS_POLL_MS : false),
  });

export const usePapers = (q: PaperListQuery) =>
  useQuery({
    queryKey: paperKeys.papers(q),
    queryFn: () => unwrap(api.GET('/api/v1/papers', { params: { query: q } })),
    placeholderData: (prev) => prev,
  });

/** A paper's content. An institution gets PAPER_SEALED until release: shown, not retried. */
export const usePaper = (id: string) =>
  useQuery({
    queryKey: paperKeys.paper(id),
    retry: false,
    queryFn: () => unwrap(api.GET('/api/v1/papers/{id}', { params: { path: { id } } })),
  });

export const useAudit = (q: AuditQuery, enabled = true) =>
  useQuery({
    queryKey: paperKeys.audit(q),
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/audit', { params: { query: q } })),
    placeholderData: (prev) => prev,
  });

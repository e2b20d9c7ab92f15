import { useQuery } from '@tanstack/react-query';
import type { paths } from '@jianding/api-client';
import { api, unwrap } from './client';

export type ItemListQuery = NonNullable<paths['/api/v1/items']['get']['parameters']['query']>;
export type ReviewQueueQuery = NonNullable<paths['/api/v1/items/review-queue']['get']['parameters']['query']>;

/** Every query key of the console, so a mutation invalidates exactly what it changed. */
export const keys = {
  occupations: ['occupations'] as const,
  banks: (occupation?: string) => ['banks', occupation ?? ''] as const,
  compliance: (occupation: string, level: string) => ['compliance', occupation, level] as const,
  banksCompliance: (occupation?: string) => ['compliance', 'banks', occupation ?? ''] as const,
  knowledgeMap: (occupation: string, level: string) => ['knowledge-map', occupation, level] as const,
  items: (q: ItemListQuery) => ['items', q] as const,
  item: (id: string) => ['item', id] as const,
  versions: (id: string) => ['item-versions', id] as const,
  diff: (id: string, from: number, to: number) => ['item-diff', id, from, to] as const,
  reviewQueue: (q: ReviewQueueQuery) => ['review-queue', q] as const,
};

export const useOccupations = () =>
  useQuery({ queryKey: keys.occupations, queryFn: () => unwrap(api.GET('/api/v1/occupations')) });

export const useBanks = (occupation?: string) =>
  useQuery({
    queryKey: keys.banks(occupation),
    queryFn: () => unwrap(api.GET('/api/v1/banks', { params: { query: occupation ? { occupation } : {} } })),
  });

export const useCompliance = (occupation: string, level: string, enabled: boolean) =>
  useQuery({
    queryKey: keys.compliance(occupation, level),
    enabled,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/banks/{occupation}/{level}/compliance', {
          params: { path: { occupation, level }, query: {} },
        }),
      ),
  });

/** The thresholds of every bank shown (one occupation's, or all), in ONE request: the banks page's badges. */
export const useBanksCompliance = (occupation: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: keys.banksCompliance(occupation),
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/compliance', { params: { query: occupation ? { occupation } : {} } })),
  });

export const useKnowledgeMap = (occupation: string, level: string) =>
  useQuery({
    queryKey: keys.knowledgeMap(occupation, level),
    retry: false,
    queryFn: () =>
      unwrap(api.GET('/api/v1/banks/{occupation}/{level}/knowledge-map', { params: { path: { occupation, level } } })),
  });

export const useItems = (q: ItemListQuery) =>
  useQuery({
    queryKey: keys.items(q),
    queryFn: () => unwrap(api.GET('/api/v1/items', { params: { query: q } })),
    placeholderData: (prev) => prev,
  });

export const useItem = (id: string | undefined) =>
  useQuery({
    queryKey: keys.item(id ?? ''),
    enabled: !!id,
    queryFn: () => unwrap(api.GET('/api/v1/items/{id}', { params: { path: { id: id! } } })),
  });

export const useVersions = (id: string | undefined) =>
  useQuery({
    queryKey: keys.versions(id ?? ''),
    enabled: !!id,
    queryFn: () => unwrap(api.GET('/api/v1/items/{id}/versions', { params: { path: { id: id! } } })),
  });

export const useDiff = (id: string, from: number | null, to: number | null) =>
  useQuery({
    queryKey: keys.diff(id, from ?? 0, to ?? 0),
    enabled: from !== null && to !== null && from !== to,
    queryFn: () =>
      unwrap(api.GET('/api/v1/items/{id}/diff', { params: { path: { id }, query: { from: from!, to: to! } } })),
  });

export const useReviewQueue = (q: ReviewQueueQuery) =>
  useQuery({
    queryKey: keys.reviewQueue(q),
    queryFn: () => unwrap(api.GET('/api/v1/items/review-queue', { params: { query: q } })),
    placeholderData: (prev) => prev,
  });

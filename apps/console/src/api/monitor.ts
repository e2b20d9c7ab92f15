import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@jianding/api-client';
import { api, unwrap } from './client';

export type MonitorQuery = NonNullable<paths['/api/v1/exam-sessions/{id}/monitor']['get']['parameters']['query']>;
export type MonitorCandidate = components['schemas']['MonitorCandidateView'];
export type MonitorState = components['schemas']['MonitorState'];

/** How often the live view is read again: "updated within a few seconds without reloading". */
export const MONITOR_REFRESH_MS = 5_000;

export const monitorKeys = {
  all: (id: string) => ['monitor', id] as const,
  view: (id: string, q: MonitorQuery) => ['monitor', id, q] as const,
};

/** One page of the session's live view, read again every few seconds while the page is open. */
export const useMonitor = (id: string, query: MonitorQuery) =>
  useQuery({
    queryKey: monitorKeys.view(id, query),
    queryFn: () => unwrap(api.GET('/api/v1/exam-sessions/{id}/monitor', { params: { path: { id }, query } })),
    refetchInterval: MONITOR_REFRESH_MS,
    placeholderData: keepPreviousData,
  });

export type IrregularityCategory = components['schemas']['IrregularityCategory'];
export const IRREGULARITY_CATEGORIES: readonly IrregularityCategory[] = [
  'candidate',
  'environment',
  'staff',
  'technical',
];

export type ProctorAction =
  | { kind: 'pause'; attemptId: string; reason: string }
  | { kind: 'resume'; attemptId: string; reason: string }
  | { kind: 'end'; attemptId: string; reason: string }
  | { kind: 'reopen'; attemptId: string; reason: string }
  | { kind: 'extend'; attemptId: string; reason: string; minutes: number }
  | { kind: 'irregularity'; attemptId: string; category: IrregularityCategory; description: string };

/** A proctor's action on one attempt; the live view is read again at once. */
export function useProctorAction(sessionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (a: ProctorAction): Promise<{ attemptId: string }> => {
      const params = { path: { id: a.attemptId } };
      switch (a.kind) {
        case 'pause':
          return unwrap(api.POST('/api/v1/attempts/{id}/pause', { params, body: { reason: a.reason } }));
        case 'resume':
          return unwrap(api.POST('/api/v1/attempts/{id}/resume', { params, body: { reason: a.reason } }));
        case 'end':
          return unwrap(api.POST('/api/v1/attempts/{id}/end', { params, body: { reason: a.reason } }));
        case 'reopen':
          return unwrap(api.POST('/api/v1/attempts/{id}/reopen', { params, body: { reason: a.reason } }));
        case 'irregularity':
          return unwrap(
            api.POST('/api/v1/attempts/{id}/irregularities', {
              params,
              body: { category: a.category, description: a.description },
            }),
          );
        case 'extend':
          return unwrap(
            api.POST('/api/v1/attempts/{id}/extend', { params, body: { reason: a.reason, minutes: a.minutes } }),
          );
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: monitorKeys.all(sessionId) }),
  });
}

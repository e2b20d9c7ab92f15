import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@jianding/api-client';
import { api, unwrap } from './client';

export type SessionSummary = components['schemas']['ExamSessionSummaryView'];
export type SessionDetail = components['schemas']['ExamSessionResponse'];
export type RosterCandidate = components['schemas']['RosterCandidateView'];
export type ResultRow = components['schemas']['ResultRowView'];
export type SessionResults = components['schemas']['SessionResultsResponse'];
export type ScoreRecord = components['schemas']['ScoreRecordView'];
export type ScoreCorrection = components['schemas']['ScoreCorrectionView'];
export type AnswerLogEntry = components['schemas']['AnswerLogEntryView'];
export type PaperRequestSummary = components['schemas']['PaperRequestSummaryView'];
export type CreateSessionBody = components['schemas']['CreateExamSessionDto'];

/** Query keys of the sessions and results pages, so a mutation invalidates exactly what it changed. */
export const sessionKeys = {
  list: (page: number, pageSize: number) => ['exam-sessions', page, pageSize] as const,
  one: (id: string) => ['exam-session', id] as const,
  readyRequests: ['paper-requests', 'ready'] as const,
  results: (id: string) => ['session-results', id] as const,
  corrections: (id: string) => ['session-corrections', id] as const,
  scores: (attemptId: string) => ['attempt-scores', attemptId] as const,
  answerLog: (attemptId: string) => ['attempt-answer-log', attemptId] as const,
};

export const useSessions = (page: number, pageSize: number) =>
  useQuery({
    queryKey: sessionKeys.list(page, pageSize),
    queryFn: () => unwrap(api.GET('/api/v1/exam-sessions', { params: { query: { page, pageSize } } })),
    placeholderData: (prev) => prev,
  });

export const useSession = (id: string, enabled = true) =>
  useQuery({
    queryKey: sessionKeys.one(id),
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/exam-sessions/{id}', { params: { path: { id } } })),
  });

/** The institution's ready paper requests: what a session can be scheduled on. */
export const useReadyRequests = (enabled: boolean) =>
  useQuery({
    queryKey: sessionKeys.readyRequests,
    enabled,
    queryFn: () =>
      unwrap(api.GET('/api/v1/paper-requests', { params: { query: { status: 'ready', page: 1, pageSize: 200 } } })),
  });

export function useCreateSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSessionBody) => unwrap(api.POST('/api/v1/exam-sessions', { body })),
    onSuccess: (s) => {
      client.setQueryData(sessionKeys.one(s.id), s);
      void client.invalidateQueries({ queryKey: ['exam-sessions'] });
    },
  });
}

export function useImportRoster(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file, file.name);
      return unwrap(
        api.POST('/api/v1/exam-sessions/{id}/candidates/import', {
          params: { path: { id } },
          body: body as never,
          bodySerializer: (b: unknown) => b as FormData,
        }),
      );
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: sessionKeys.one(id) });
      void client.invalidateQueries({ queryKey: ['exam-sessions'] });
    },
  });
}

export const useResults = (id: string) =>
  useQuery({
    queryKey: sessionKeys.results(id),
    queryFn: () => unwrap(api.GET('/api/v1/exam-sessions/{id}/results', { params: { path: { id } } })),
  });

export const useSessionCorrections = (id: string) =>
  useQuery({
    queryKey: sessionKeys.corrections(id),
    queryFn: () =>
      unwrap(api.GET('/api/v1/exam-sessions/{id}/score-corrections', { params: { path: { id }, query: {} } })),
  });

export const useScoreHistory = (attemptId: string | null) =>
  useQuery({
    queryKey: sessionKeys.scores(attemptId ?? ''),
    enabled: !!attemptId,
    queryFn: () => unwrap(api.GET('/api/v1/attempts/{id}/scores', { params: { path: { id: attemptId! } } })),
  });

export const useAnswerLog = (attemptId: string) =>
  useQuery({
    queryKey: sessionKeys.answerLog(attemptId),
    queryFn: () => unwrap(api.GET('/api/v1/attempts/{id}/answer-log', { params: { path: { id: attemptId } } })),
  });

/** After a correction is requested or decided: the results, the corrections and the attempt's history change. */
function useCorrectionDone(sessionId: string) {
  const client = useQueryClient();
  return (attemptId: string) => {
    void client.invalidateQueries({ queryKey: sessionKeys.results(sessionId) });
    void client.invalidateQueries({ queryKey: sessionKeys.corrections(sessionId) });
    void client.invalidateQueries({ queryKey: sessionKeys.scores(attemptId) });
  };
}

export function useRequestCorrection(sessionId: string) {
  const done = useCorrectionDone(sessionId);
  return useMutation({
    mutationFn: (v: { attemptId: string; score: number; reason: string }) =>
      unwrap(
        api.POST('/api/v1/attempts/{id}/score-corrections', {
          params: { path: { id: v.attemptId } },
          body: { score: v.score, reason: v.reason },
        }),
      ),
    onSuccess: (c) => done(c.attemptId),
  });
}

export function useDecideCorrection(sessionId: string) {
  const done = useCorrectionDone(sessionId);
  return useMutation({
    mutationFn: (v: { id: string; approve: boolean; reason?: string }) =>
      unwrap(
        v.approve
          ? api.POST('/api/v1/score-corrections/{id}/approve', { params: { path: { id: v.id } }, body: {} })
          : api.POST('/api/v1/score-corrections/{id}/reject', {
              params: { path: { id: v.id } },
              body: { reason: v.reason },
            }),
      ),
    onSuccess: (c) => done(c.attemptId),
  });
}

/** Who proctors a session, and (for the owning institution and the centre) whom they may assign. */
export const useSessionProctors = (id: string) =>
  useQuery({
    queryKey: ['session-proctors', id] as const,
    queryFn: () => unwrap(api.GET('/api/v1/exam-sessions/{id}/proctors', { params: { path: { id } } })),
  });

export function useAssignProctors(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userIds: string[]) =>
      unwrap(api.PUT('/api/v1/exam-sessions/{id}/proctors', { params: { path: { id } }, body: { userIds } })),
    onSuccess: (data) => client.setQueryData(['session-proctors', id], data),
  });
}

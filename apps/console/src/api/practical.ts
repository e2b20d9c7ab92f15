// Data hooks of practical assessment (技能操作考核): the examiner register, panels, score sheets and results.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@jianding/api-client';
import { api, unwrap } from './client';

export type ExaminerListQuery = NonNullable<paths['/api/v1/examiners']['get']['parameters']['query']>;
export type Examiner = components['schemas']['ExaminerView'];
export type CreateExaminerBody = components['schemas']['CreateExaminerDto'];
export type UpdateExaminerBody = components['schemas']['UpdateExaminerDto'];
export type Panel = components['schemas']['PanelView'];
export type Assignment = components['schemas']['AssignmentView'];
export type Scoring = components['schemas']['ScoringView'];
export type PracticalTask = components['schemas']['PracticalTaskView'];
export type ScoringCandidate = components['schemas']['ScoringCandidateView'];
export type ScoringTask = components['schemas']['ScoringTaskView'];
export type Sheet = components['schemas']['SheetView'];
export type PracticalResults = components['schemas']['PracticalResultsView'];
export type PracticalResultRow = components['schemas']['PracticalResultRow'];
export type TaskResult = components['schemas']['TaskResultView'];

/** The register's levels: 三级 or higher. */
export const EXAMINER_LEVELS = ['3', '2', '1'] as const;
export type ExaminerLevel = (typeof EXAMINER_LEVELS)[number];

/** Query keys of practical assessment, so a mutation invalidates exactly what it changed. */
export const practicalKeys = {
  examiners: (q: ExaminerListQuery) => ['examiners', q] as const,
  examinerUsers: (q: string) => ['users', 'examiner-role', q] as const,
  panel: (sessionId: string) => ['panel', sessionId] as const,
  assignments: ['practical-assignments'] as const,
  scoring: (sessionId: string) => ['practical-scoring', sessionId] as const,
  results: (sessionId: string) => ['practical-results', sessionId] as const,
};

export const useExaminers = (q: ExaminerListQuery, enabled = true) =>
  useQuery({
    queryKey: practicalKeys.examiners(q),
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/examiners', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });

export function useExaminerMutations() {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: ['examiners'] });
  return {
    create: useMutation({
      mutationFn: (body: CreateExaminerBody) => unwrap(api.POST('/api/v1/examiners', { body })),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdateExaminerBody }) =>
        unwrap(api.PATCH('/api/v1/examiners/{id}', { params: { path: { id } }, body })),
      onSuccess: refresh,
    }),
  };
}

/** Active accounts holding the examiner role and not yet registered, found by name as one types: whom the centre can register. */
export const useExaminerAccounts = (q: string) =>
  useQuery({
    queryKey: practicalKeys.examinerUsers(q),
    queryFn: () => unwrap(api.GET('/api/v1/examiners/accounts', { params: { query: q ? { q } : {} } })),
  });

export const usePanel = (sessionId: string, enabled = true) =>
  useQuery({
    queryKey: practicalKeys.panel(sessionId),
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/exam-sessions/{id}/panel', { params: { path: { id: sessionId } } })),
  });

export function useDispatchPanel(sessionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { examiners: string[]; chief: string }) =>
      unwrap(api.PUT('/api/v1/exam-sessions/{id}/panel', { params: { path: { id: sessionId } }, body })),
    onSuccess: (panel) => client.setQueryData(practicalKeys.panel(sessionId), panel),
  });
}

export const useAssignments = () =>
  useQuery({
    queryKey: practicalKeys.assignments,
    queryFn: () => unwrap(api.GET('/api/v1/practical/assignments')),
  });

export const useScoring = (sessionId: string, enabled = true) =>
  useQuery({
    queryKey: practicalKeys.scoring(sessionId),
    enabled,
    queryFn: () =>
      unwrap(api.GET('/api/v1/exam-sessions/{id}/practical-sheets', { params: { path: { id: sessionId } } })),
  });

export interface SheetTarget {
  ticketNo: string;
  position: number;
}

/** Saving a draft and signing one sheet; the desk is read again after either. */
export function useSheetMutations(sessionId: string) {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: practicalKeys.scoring(sessionId) });
  const path = (s: SheetTarget) => ({ id: sessionId, ticketNo: s.ticketNo, position: s.position });
  const save = (s: SheetTarget & { criteria: { index: number; points: number }[] }) =>
    unwrap(
      api.PUT('/api/v1/exam-sessions/{id}/practical-sheets/{ticketNo}/{position}', {
        params: { path: path(s) },
        body: { criteria: s.criteria },
      }),
    );
  return {
    save: useMutation({ mutationFn: save, onSuccess: refresh }),
    /** Signs what is on the form: the draft is written first, so the signed sheet is exactly what was shown. */
    sign: useMutation({
      mutationFn: async (s: SheetTarget & { criteria: { index: number; points: number }[] }) => {
        await save(s);
        return unwrap(
          api.POST('/api/v1/exam-sessions/{id}/practical-sheets/{ticketNo}/{position}/sign', {
            params: { path: path(s) },
          }),
        );
      },
      onSettled: refresh,
    }),
  };
}

export const usePracticalResults = (sessionId: string) =>
  useQuery({
    queryKey: practicalKeys.results(sessionId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/exam-sessions/{id}/practical-results', { params: { path: { id: sessionId } } })),
  });

export function useDecide(sessionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: SheetTarget & { score: number; reason: string }) =>
      unwrap(
        api.POST('/api/v1/exam-sessions/{id}/practical-sheets/{ticketNo}/{position}/decision', {
          params: { path: { id: sessionId, ticketNo: v.ticketNo, position: v.position } },
          body: { score: v.score, reason: v.reason },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: practicalKeys.results(sessionId) }),
  });
}

export function useReviewScore(sessionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { ticketNo: string; score: number }) =>
      unwrap(
        api.PUT('/api/v1/exam-sessions/{id}/reviews/{ticketNo}', {
          params: { path: { id: sessionId, ticketNo: v.ticketNo } },
          body: { score: v.score },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: practicalKeys.results(sessionId) }),
  });
}

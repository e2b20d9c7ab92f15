import {
  createApiClient,
  unwrap,
  type AnswerAckView,
  type ApiClient,
  type AttemptView,
  type CandidateTokenView,
  type IntegrityEventDto,
  type SaveAnswerBody,
  type SubmitView,
} from '@jianding/api-client';

/** The candidate-facing endpoints, one method each; failures are ApiErrors. */
export interface ExamApi {
  login(ticketNo: string, idNumber: string): Promise<CandidateTokenView>;
  getAttempt(): Promise<AttemptView>;
  putAnswer(position: number, body: SaveAnswerBody): Promise<AnswerAckView>;
  putCursor(position: number): Promise<void>;
  postEvent(body: IntegrityEventDto): Promise<void>;
  submit(): Promise<SubmitView>;
}

export function createExamApi(api: ApiClient): ExamApi {
  return {
    login: (ticketNo, idNumber) => unwrap(api.POST('/api/v1/exam/login', { body: { ticketNo, idNumber } })),
    getAttempt: () => unwrap(api.GET('/api/v1/exam/attempt')),
    putAnswer: (position, body) =>
      unwrap(api.PUT('/api/v1/exam/attempt/answers/{position}', { params: { path: { position } }, body })),
    putCursor: (position) => unwrap(api.PUT('/api/v1/exam/attempt/cursor', { body: { position } })),
    postEvent: (body) => unwrap(api.POST('/api/v1/exam/attempt/events', { body })),
    submit: () => unwrap(api.POST('/api/v1/exam/attempt/submit')),
  };
}

export function createBrowserExamApi(getToken: () => string | null): ExamApi {
  return createExamApi(createApiClient({ getToken }));
}

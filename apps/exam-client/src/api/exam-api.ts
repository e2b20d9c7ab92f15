import { createHttpClient, type HttpClient } from './http';
import type { AnswerAck, AnswerValue, AttemptDto, IntegrityEventBody, SubmitResponse } from './types';

/** The candidate-facing endpoints, one method each. */
export interface ExamApi {
  login(ticketNo: string, idNumber: string): Promise<{ token: string }>;
  getAttempt(): Promise<AttemptDto>;
  putAnswer(position: number, body: { answer: AnswerValue; seq: number; clientTime: string }): Promise<AnswerAck>;
  putCursor(position: number): Promise<void>;
  postEvent(body: IntegrityEventBody): Promise<void>;
  submit(): Promise<SubmitResponse>;
}

export function createExamApi(http: HttpClient): ExamApi {
  return {
    login: (ticketNo, idNumber) => http.request('POST', '/exam/login', { ticketNo, idNumber }),
    getAttempt: () => http.request('GET', '/exam/attempt'),
    putAnswer: (position, body) => http.request('PUT', `/exam/attempt/answers/${position}`, body),
    putCursor: async (position) => {
      await http.request('PUT', '/exam/attempt/cursor', { position });
    },
    postEvent: async (body) => {
      await http.request('POST', '/exam/attempt/events', body);
    },
    submit: () => http.request('POST', '/exam/attempt/submit'),
  };
}

export function createBrowserExamApi(getToken: () => string | null): ExamApi {
  return createExamApi(createHttpClient({ baseUrl: '/api/v1', getToken }));
}

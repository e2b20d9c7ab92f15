import type { ExamApi } from '../api/exam-api';
import { ApiError } from '@jianding/api-client';
import type {
  AnswerValue,
  AttemptView,
  AttemptItemView,
  IntegrityEventDto,
  SavedAnswerView,
} from '@jianding/api-client';

/** An in-memory candidate API with the server's rules: seq ordering, duplicate seqs acknowledged, key-based scoring. */
export class FakeExamApi implements ExamApi {
  readonly answers = new Map<number, SavedAnswerView>();
  readonly puts: { position: number; answer: AnswerValue; seq: number }[] = [];
  readonly events: IntegrityEventDto[] = [];
  lastSeq = 0;
  position = 1;
  status: AttemptView['status'] = 'in_progress';
  remainingSeconds = 3600;
  showResult = true;
  offline = false;
  /** A proctor paused the attempt: saves are refused with ATTEMPT_PAUSED and the countdown stands still. */
  paused = false;

  constructor(
    readonly items: AttemptItemView[],
    private readonly key: Map<number, AnswerValue>,
  ) {}

  async login(ticketNo: string, idNumber: string): Promise<{ token: string }> {
    if (ticketNo !== 'T1' || idNumber !== 'ID1') throw new ApiError(401, 'CANDIDATE_CREDENTIALS_INVALID', 'bad');
    return { token: 'tok' };
  }

  async getAttempt(): Promise<AttemptView> {
    this.failIfOffline();
    return {
      attemptId: 'att-1',
      candidate: { name: '张三', ticketNo: 'T1' },
      session: { id: 's1', name: '第一场', occupationName: '电工', level: '4', endsAt: '2030-01-01T00:00:00Z' },
      status: this.status,
      paused: this.paused,
      serverTime: new Date().toISOString(),
      remainingSeconds: this.remainingSeconds,
      currentPosition: this.position,
      lastSeq: this.lastSeq,
      items: this.items,
      answers: [...this.answers.values()],
      policy: { showResult: this.showResult },
      result: this.status === 'submitted' ? this.score() : undefined,
    };
  }

  async putAnswer(position: number, body: { answer: AnswerValue; seq: number; clientTime: string }) {
    this.failIfOffline();
    if (this.paused) throw new ApiError(409, 'ATTEMPT_PAUSED', 'paused');
    this.puts.push({ position, answer: body.answer, seq: body.seq });
    const mine = this.answers.get(position);
    if (!mine || mine.seq < body.seq) this.answers.set(position, { position, answer: body.answer, seq: body.seq });
    this.lastSeq = Math.max(this.lastSeq, body.seq);
    return { seq: body.seq, savedAt: new Date().toISOString() };
  }

  async putCursor(position: number): Promise<void> {
    this.failIfOffline();
    this.position = position;
  }

  async postEvent(body: IntegrityEventDto): Promise<void> {
    this.failIfOffline();
    this.events.push(body);
  }

  async submit() {
    this.failIfOffline();
    this.status = 'submitted';
    return { submitted: true as const, ...(this.showResult ? this.score() : {}) };
  }

  private score() {
    let score = 0;
    for (const item of this.items) {
      if (JSON.stringify(this.answers.get(item.position)?.answer) === JSON.stringify(this.key.get(item.position)))
        score += item.points;
    }
    return { score, passed: score >= 60 };
  }

  private failIfOffline(): void {
    if (this.offline) throw new ApiError(0, 'NETWORK_ERROR', 'Failed to fetch');
  }
}

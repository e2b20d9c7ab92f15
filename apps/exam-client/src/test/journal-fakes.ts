import type { AnswerAckView } from '@jianding/api-client';
import type { AnswerEntry, EventEntry, JournalTransport, Timers } from '../journal/types';

/** Timers the test advances by hand. */
export class ManualTimers implements Timers {
  private nextId = 1;
  readonly pending = new Map<number, { fn: () => void; ms: number }>();

  set(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { fn, ms });
    return id;
  }

  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Delays currently scheduled, in the order they were set. */
  delays(): number[] {
    return [...this.pending.values()].map((p) => p.ms);
  }

  /** Fire every timer scheduled so far. */
  fireAll(): void {
    const due = [...this.pending.entries()];
    for (const [id, p] of due) {
      this.pending.delete(id);
      p.fn();
    }
  }
}

type Reply = { ok: true; ack?: Partial<AnswerAckView> } | { ok: false; error: unknown };

/**
 * A transport that records every call and answers from a script (default: success).
 * `hold()` makes the next calls wait until `release()`, to observe what is in flight.
 */
export class ScriptedTransport implements JournalTransport {
  readonly answers: AnswerEntry[] = [];
  readonly events: EventEntry[] = [];
  readonly script: Reply[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;

  failNext(error: unknown, times = 1): this {
    for (let i = 0; i < times; i++) this.script.push({ ok: false, error });
    return this;
  }

  hold(): void {
    this.gate = new Promise((r) => (this.openGate = r));
  }

  release(): void {
    this.openGate?.();
    this.gate = null;
  }

  async putAnswer(entry: AnswerEntry): Promise<AnswerAckView> {
    this.answers.push(entry);
    await this.enter();
    try {
      const reply = this.script.shift() ?? { ok: true };
      if (!reply.ok) throw reply.error;
      return { seq: entry.seq, savedAt: `saved-${entry.seq}`, ...reply.ack };
    } finally {
      this.inFlight--;
    }
  }

  async postEvent(entry: EventEntry): Promise<void> {
    this.events.push(entry);
    await this.enter();
    try {
      const reply = this.script.shift() ?? { ok: true };
      if (!reply.ok) throw reply.error;
    } finally {
      this.inFlight--;
    }
  }

  private async enter(): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    if (this.gate) await this.gate;
  }
}

export const networkError = { status: 0, code: 'NETWORK_ERROR', message: 'Failed to fetch' };
export const serverError = { status: 503, code: 'UNAVAILABLE', message: 'down' };

/** Let pending promise callbacks and storage writes run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setTimeout(r, 0));
}

import {
  normaliseOption,
  normaliseStem,
  OPTION_LETTERS,
  type ItemContent,
  type TheoryContent,
} from '@jianding/itembank';

export type Rng = () => number;
export const BLANK = '（　　）';

export interface Draft {
  content: ItemContent;
  /** Items sharing a group give each other away; they become mutual enemies. */
  group?: string;
}

/** Fisher–Yates with the seeded generator; unbiased for any length. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function pick<T>(items: readonly T[], rng: Rng): T {
  return items[Math.floor(rng() * items.length)];
}

/**
 * Collects demo items, refusing any whose normalised stem is already taken or whose options collide,
 * so the bank passes `validateItem` by construction (and a test proves it).
 */
export class DemoBuilder {
  readonly drafts: Draft[] = [];
  private readonly stems = new Set<string>();

  constructor(readonly rng: Rng) {}

  /** Difficulty around `base`, sometimes one step either way, always 1–5. */
  difficulty(base: number): number {
    const r = this.rng();
    const d = r < 0.15 ? base - 1 : r > 0.85 ? base + 1 : base;
    return Math.min(5, Math.max(1, d));
  }

  add(content: ItemContent, group?: string): boolean {
    const key = normaliseStem(content.stem);
    if (key === '' || this.stems.has(key)) return false;
    if (content.type !== 'task' && content.type !== 'judge') {
      const options = new Set(content.options.map(normaliseOption));
      if (options.size !== content.options.length || options.has('')) return false;
    }
    this.stems.add(key);
    this.drafts.push({ content, group });
    return true;
  }

  single(
    point: string,
    stem: string,
    key: string,
    distractors: readonly string[],
    base: number,
    extra: Extra = {},
  ): boolean {
    const options = shuffle([key, ...distractors.slice(0, 3)], this.rng);
    return this.theory(
      {
        type: 'single',
        stem,
        options,
        answer: OPTION_LETTERS[options.indexOf(key)],
        knowledgePoint: point,
        difficulty: this.difficulty(base),
      },
      extra,
    );
  }

  multiple(
    point: string,
    stem: string,
    keys: readonly string[],
    distractors: readonly string[],
    base: number,
    extra: Extra = {},
  ): boolean {
    const options = shuffle([...keys, ...distractors], this.rng).slice(0, OPTION_LETTERS.length);
    const answer = keys.map((k) => OPTION_LETTERS[options.indexOf(k)]).sort();
    return this.theory(
      { type: 'multiple', stem, options, answer, knowledgePoint: point, difficulty: this.difficulty(base) },
      extra,
    );
  }

  judge(point: string, statement: string, truth: boolean, base: number, extra: Extra = {}): boolean {
    return this.theory(
      {
        type: 'judge',
        stem: statement,
        options: [],
        answer: truth,
        knowledgePoint: point,
        difficulty: this.difficulty(base),
      },
      extra,
    );
  }

  private theory(content: TheoryContent, extra: Extra): boolean {
    if (extra.explanation) content.explanation = extra.explanation;
    return this.add(content, extra.group);
  }
}

export interface Extra {
  explanation?: string;
  group?: string;
}

import { mayOpen, visiblePages } from './auth/access';
import { SessionStore } from './auth/session';
import { en } from './i18n/en';
import { format, translator } from './i18n/i18n';
import { zh } from './i18n/zh';
import { contentOf, issuesFor } from './pages/items/item-form';
import { areaKeys, fromMap, toMap } from './pages/knowledge-map/map-tree';
import { withFilters } from './ui/url-filters';

class MemoryStorage {
  private data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
  removeItem = (k: string) => void this.data.delete(k);
}

describe('access', () => {
  it('shows an institution user no authoring page', () => {
    expect(visiblePages(['institution'])).toEqual(['paperRequests', 'sessions', 'monitor', 'results', 'account']);
    expect(mayOpen(['institution'], 'items')).toBe(false);
  });

  it('gives a proctor the live view of sessions and nothing else but the account', () => {
    expect(visiblePages(['proctor'])).toEqual(['monitor', 'account']);
    expect(mayOpen(['proctor'], 'results')).toBe(false);
  });

  it('gives a reviewer the review queue but not the import', () => {
    expect(visiblePages(['reviewer'])).toEqual(['banks', 'items', 'review', 'account']);
    expect(mayOpen(['reviewer'], 'import')).toBe(false);
  });
});

describe('dictionaries', () => {
  it('have the same keys in both languages and no empty message', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    expect(Object.entries({ ...zh, ...en }).filter(([, v]) => v.trim() === '')).toEqual([]);
  });

  it('fill placeholders and leave unknown ones visible', () => {
    expect(translator('en')('import.done', { count: 5 })).toBe('5 items imported (drafts).');
    expect(format('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});

describe(SessionStore.name, () => {
  it('keeps the session across a reload and says why it ended', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const first = new SessionStore(storage);
    first.signIn({
      accessToken: 't',
      user: {
        id: 'u',
        username: 'a',
        displayName: 'A',
        roles: ['author'],
        institutionId: null,
        active: true,
        createdAt: '',
      },
    });
    const reloaded = new SessionStore(storage);
    expect(reloaded.token).toBe('t');
    reloaded.signOut('expired');
    expect(reloaded.token).toBeNull();
    expect(reloaded.takeEndReason()).toBe('expired');
    expect(reloaded.takeEndReason()).toBeNull();
    expect(new SessionStore(storage).token).toBeNull();
  });
});

describe('item form', () => {
  it('sends the answer of the chosen type and no options for true/false', () => {
    expect(
      contentOf({ type: 'judge', stem: 's', options: ['x'], answerJudge: false, answerSingle: 'A' }),
    ).toMatchObject({ options: [], answer: false });
    expect(contentOf({ type: 'multiple', stem: 's', options: ['a', 'b'], answerMultiple: ['A', 'B'] })).toMatchObject({
      answer: ['A', 'B'],
    });
  });

  it('files option and rubric issues under their field', () => {
    const issues = [
      { field: 'options.B', message: 'b' },
      { field: 'rubric[0]', message: 'r' },
      { field: 'stem', message: 's' },
    ];
    expect(issuesFor(issues, 'options').map((i) => i.message)).toEqual(['b']);
    expect(issuesFor(issues, 'options', true)).toEqual([]);
    expect(issuesFor(issues, 'rubric').map((i) => i.message)).toEqual(['r']);
  });
});

describe('knowledge map tree', () => {
  it('round-trips areas and points and keeps every area open', () => {
    const map = {
      areas: [
        { code: 'A', name: '基础', weight: 100, children: [{ code: 'A-001', name: '点', importance: 'X' as const }] },
      ],
    };
    const nodes = fromMap(map.areas);
    expect(toMap(nodes)).toEqual(map);
    expect(areaKeys(nodes)).toHaveLength(1);
  });
});

describe(withFilters.name, () => {
  it('sets and clears filters and returns to the first page unless the page itself changes', () => {
    const params = new URLSearchParams('type=single&page=3&q=电');
    expect(withFilters(params, { type: 'judge', q: '', rejected: false }).toString()).toBe('type=judge');
    expect(withFilters(params, { page: 4 }).toString()).toBe('type=single&page=4&q=%E7%94%B5');
    expect(params.toString()).toBe('type=single&page=3&q=%E7%94%B5');
  });
});

import { canonicalJson, checkLink, entryHash, GENESIS_HASH } from './audit-chain';

const entry = (seq: number, prevHash: string) => {
  const e = {
    id: `id-${seq}`,
    seq,
    at: 1_700_000_000_000 + seq,
    actorId: 'u1',
    actorName: 'admin',
    action: 'user.create',
    entity: 'user',
    entityId: `e${seq}`,
    data: '{"roles":["author"]}',
    prevHash,
  };
  return { ...e, hash: entryHash(e) };
};

describe(canonicalJson.name, () => {
  it('sorts keys at every depth so equal objects give equal text', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ x: 1, y: undefined })).toBe('{"x":1}');
  });
});

describe(checkLink.name, () => {
  const first = entry(1, GENESIS_HASH);
  const second = entry(2, first.hash);

  it('accepts a well-formed chain', () => {
    expect(checkLink({ seq: 0, hash: GENESIS_HASH }, first)).toBeNull();
    expect(checkLink({ seq: 1, hash: first.hash }, second)).toBeNull();
  });

  it('reports an edited entry as a hash mismatch', () => {
    expect(checkLink({ seq: 0, hash: GENESIS_HASH }, { ...first, data: '{"roles":["admin"]}' })).toBe('hash_mismatch');
  });

  it('reports an entry whose hash was recomputed after an edit as a broken link for its successor', () => {
    const forged = { ...first, data: '{"roles":["admin"]}' };
    forged.hash = entryHash(forged);
    expect(checkLink({ seq: 0, hash: GENESIS_HASH }, forged)).toBeNull();
    expect(checkLink({ seq: 1, hash: forged.hash }, second)).toBe('broken_link');
  });

  it('reports a missing entry as a sequence gap', () => {
    expect(checkLink({ seq: 0, hash: GENESIS_HASH }, second)).toBe('sequence_gap');
  });
});

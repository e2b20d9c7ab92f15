import { leafPoints, validateKnowledgeMap } from './knowledge-map';
import type { KnowledgeMap } from './types';

function map(): KnowledgeMap {
  return {
    areas: [
      {
        code: 'A',
        name: '基础知识',
        weight: 60,
        children: [
          {
            code: 'A-01',
            name: '电工基础',
            weight: 70,
            children: [{ code: 'A-01-001', name: '欧姆定律', importance: 'X' }],
          },
          {
            code: 'A-02',
            name: '电工材料',
            weight: 30,
            children: [{ code: 'A-02-001', name: '导电材料', importance: 'Y' }],
          },
        ],
      },
      { code: 'B', name: '安全知识', weight: 40, children: [{ code: 'B-001', name: '安全电压', importance: 'Z' }] },
    ],
  };
}

describe(validateKnowledgeMap.name, () => {
  it('accepts a map whose sibling weights sum to 100 at every level', () => {
    expect(validateKnowledgeMap(map())).toEqual([]);
  });

  it('refuses top-level weights that do not sum to 100', () => {
    const m = map();
    m.areas[1].weight = 30;
    const issues = validateKnowledgeMap(m);
    expect(issues.map((i) => [i.code, i.field])).toEqual([['WEIGHTS_NOT_100', '(root)']]);
    expect(issues[0].message).toContain('90');
  });

  it('refuses sub-area weights that do not sum to 100 and names the parent', () => {
    const m = map();
    m.areas[0].children![1].weight = 20;
    expect(validateKnowledgeMap(m).map((i) => [i.code, i.field])).toEqual([['WEIGHTS_NOT_100', 'A']]);
  });

  it('tolerates weights rounded to two decimals', () => {
    const m = map();
    m.areas[0].weight = 33.33;
    m.areas[1].weight = 66.67;
    expect(validateKnowledgeMap(m)).toEqual([]);
  });

  it('refuses a missing or out-of-range weight on an area', () => {
    const m = map();
    delete m.areas[0].children![0].weight;
    m.areas[0].children![1].weight = 130;
    expect(validateKnowledgeMap(m).map((i) => i.code)).toEqual(['WEIGHT_MISSING', 'WEIGHT_INVALID']);
  });

  it('refuses a code used twice', () => {
    const m = map();
    m.areas[1].children![0].code = 'A-01-001';
    expect(validateKnowledgeMap(m).map((i) => [i.code, i.field])).toEqual([['CODE_DUPLICATE', 'A-01-001']]);
  });

  it('refuses a knowledge point without importance', () => {
    const m = map();
    delete m.areas[1].children![0].importance;
    expect(validateKnowledgeMap(m).map((i) => [i.code, i.field])).toEqual([['IMPORTANCE_MISSING', 'B-001']]);
  });

  it('refuses an area without children, at the top and below', () => {
    const m = map();
    m.areas[0].children![1].children = [];
    m.areas.push({ code: 'C', name: '空区域', weight: 0.001 });
    m.areas[1].weight = 39.999;
    expect(validateKnowledgeMap(m).map((i) => [i.code, i.field])).toEqual([
      ['AREA_EMPTY', 'A-02'],
      ['AREA_EMPTY', 'C'],
    ]);
  });

  it('refuses sub-areas and knowledge points mixed under one parent', () => {
    const m = map();
    m.areas[0].children!.push({ code: 'A-003', name: '散点', importance: 'X' });
    expect(validateKnowledgeMap(m).map((i) => i.code)).toEqual(['NODE_KIND_MIXED']);
  });

  it('refuses an empty map', () => {
    expect(validateKnowledgeMap({ areas: [] }).map((i) => i.code)).toEqual(['MAP_EMPTY']);
  });
});

describe(leafPoints.name, () => {
  it('lists the knowledge points in order with their area path and share of the paper', () => {
    expect(leafPoints(map())).toEqual([
      { code: 'A-01-001', name: '欧姆定律', importance: 'X', path: ['A', 'A-01'], areaShare: 0.42 },
      { code: 'A-02-001', name: '导电材料', importance: 'Y', path: ['A', 'A-02'], areaShare: 0.18 },
      { code: 'B-001', name: '安全电压', importance: 'Z', path: ['B'], areaShare: 0.4 },
    ]);
  });
});

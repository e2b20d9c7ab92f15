import { diffVersions } from './diff';
import { judgeItem, singleItem, taskItem } from './testing/factories';

describe(diffVersions.name, () => {
  it('returns no changes for identical content', () => {
    expect(diffVersions(singleItem(), singleItem())).toEqual([]);
  });

  it('compares options per letter and reports the answer change', () => {
    // Arrange
    const before = singleItem();
    const after = singleItem({ options: ['42', '36', '48', '12', '6'], answer: 'B' });
    // Act
    const changes = diffVersions(before, after);
    // Assert
    expect(changes).toEqual([
      { field: 'options.C', before: '24', after: '48' },
      { field: 'options.E', before: null, after: '6' },
      { field: 'answer', before: 'A', after: 'B' },
    ]);
  });

  it('compares rubric lines one by one as points|criterion', () => {
    const before = taskItem();
    const after = taskItem({
      rubric: [
        { points: 30, criterion: '元件安装' },
        { points: 50, criterion: '布线工艺' },
        { points: 20, criterion: '通电试车' },
      ],
    });
    expect(diffVersions(before, after)).toEqual([
      { field: 'rubric[1]', before: '40|布线工艺', after: '50|布线工艺' },
      { field: 'rubric[2]', before: '30|通电试车', after: '20|通电试车' },
    ]);
  });

  it('reports stem, difficulty, explanation and enemies, ignoring enemy order', () => {
    const before = judgeItem({ enemies: ['Q1', 'Q2'] });
    const after = judgeItem({
      stem: '变压器能改变交流电压。',
      difficulty: 3,
      explanation: '电磁感应',
      enemies: ['Q2', 'Q1'],
    });
    expect(diffVersions(before, after).map((c) => c.field)).toEqual(['stem', 'difficulty', 'explanation']);
    expect(diffVersions(judgeItem({ enemies: ['Q1'] }), judgeItem()).map((c) => [c.field, c.before, c.after])).toEqual([
      ['enemies', ['Q1'], null],
    ]);
  });

  it('reports a changed judge answer', () => {
    expect(diffVersions(judgeItem({ answer: true }), judgeItem({ answer: false }))).toEqual([
      { field: 'answer', before: true, after: false },
    ]);
  });
});

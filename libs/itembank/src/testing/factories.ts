/** Test data builders shared by the specs (excluded from the build). */
import type { ItemValidationContext } from '../validate-item';
import type { TaskContent, TheoryContent } from '../types';

export const POINTS = new Set(['A-01-001', 'A-01-002', 'B-02-003']);

export function singleItem(overrides: Partial<TheoryContent> = {}): TheoryContent {
  return {
    type: 'single',
    stem: '我国安全电压额定值的等级中，最高一级为（　　）V。',
    options: ['42', '36', '24', '12'],
    answer: 'A',
    knowledgePoint: 'A-01-001',
    difficulty: 3,
    ...overrides,
  };
}

export function judgeItem(overrides: Partial<TheoryContent> = {}): TheoryContent {
  return {
    type: 'judge',
    stem: '变压器不能改变直流电压。',
    options: [],
    answer: true,
    knowledgePoint: 'A-01-002',
    difficulty: 2,
    ...overrides,
  };
}

export function multipleItem(overrides: Partial<TheoryContent> = {}): TheoryContent {
  return {
    type: 'multiple',
    stem: '带电灭火可以使用的灭火器有（　　）。',
    options: ['二氧化碳灭火器', '泡沫灭火器', '干粉灭火器', '清水灭火器'],
    answer: ['A', 'C'],
    knowledgePoint: 'B-02-003',
    difficulty: 3,
    ...overrides,
  };
}

export function taskItem(overrides: Partial<TaskContent> = {}): TaskContent {
  return {
    type: 'task',
    title: '接触器联锁正反转控制线路',
    stem: '按给定的电气原理图完成线路安装并通电试车。',
    materials: '交流接触器2只、热继电器1只、按钮3只',
    minutes: 120,
    rubric: [
      { points: 30, criterion: '元件安装' },
      { points: 40, criterion: '布线工艺' },
      { points: 30, criterion: '通电试车' },
    ],
    totalPoints: 100,
    knowledgePoint: 'A-01-001',
    difficulty: 3,
    set: 'SET-01',
    ...overrides,
  };
}

export function validationContext(overrides: Partial<ItemValidationContext> = {}): ItemValidationContext {
  return { knowledgePoints: POINTS, existingStems: new Map(), knownEnemies: new Set(), ...overrides };
}

import { escapeCell, fieldForHeader, parseItemType, parseJudgeAnswer, splitRefs, unescapeCell } from './sheet-template';

describe(parseJudgeAnswer.name, () => {
  it.each(['√', '对', '正确', 'T', 't', 'true', 'TRUE', 'True', '✓', '✔', 'Y', 'y', '是', 'Ｔ', ' √ '])(
    'reads %j as true',
    (text) => {
      expect(parseJudgeAnswer(text)).toBe(true);
    },
  );

  it.each(['×', '错', '错误', 'F', 'f', 'false', 'FALSE', '✗', '✘', 'N', 'n', '否', 'X'])(
    'reads %j as false',
    (text) => {
      expect(parseJudgeAnswer(text)).toBe(false);
    },
  );

  it.each(['', 'A', '对的', 'maybe'])('does not guess %j', (text) => {
    expect(parseJudgeAnswer(text)).toBeUndefined();
  });
});

describe(parseItemType.name, () => {
  it.each([
    ['判断', 'judge'],
    ['判断题', 'judge'],
    ['单选', 'single'],
    ['单选题', 'single'],
    ['单项选择题', 'single'],
    ['多选', 'multiple'],
    ['多项选择', 'multiple'],
    ['实操', 'task'],
    ['Judge', 'judge'],
    ['SINGLE', 'single'],
    ['multiple', 'multiple'],
    ['task', 'task'],
  ])('reads %j as %s', (text, type) => {
    expect(parseItemType(text)).toBe(type);
  });

  it('returns undefined for an unknown type', () => {
    expect(parseItemType('填空')).toBeUndefined();
  });
});

describe(fieldForHeader.name, () => {
  it.each([
    ['题型', 'type'],
    [' Type ', 'type'],
    ['KNOWLEDGEPOINT', 'knowledgePoint'],
    ['knowledge_point', 'knowledgePoint'],
    ['选项 A', 'optionA'],
    ['选项Ｈ', 'optionH'],
    ['optionC', 'optionC'],
    ['option d', 'optionD'],
    ['考核时间（分钟）', 'minutes'],
    ['答案*', 'answer'],
    ['所属卷', 'set'],
  ])('maps header %j to %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it('does not map an unknown header', () => {
    expect(fieldForHeader('出题人')).toBeUndefined();
  });
});

describe(splitRefs.name, () => {
  it('splits on commas, Chinese commas, enumeration commas, semicolons and spaces', () => {
    expect(splitRefs('Q1,Q2，Q3、Q4;Q5；Q6 Q7\nQ8,,Q1')).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8']);
  });
});

describe(escapeCell.name, () => {
  it.each(['=1+1', '+86', '-5V', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with an apostrophe', (value) => {
    expect(escapeCell(value)).toBe(`'${value}`);
  });

  it('leaves ordinary text alone', () => {
    expect(escapeCell('安全电压为36V')).toBe('安全电压为36V');
    expect(escapeCell("'quoted")).toBe("'quoted");
  });

  it('round-trips through unescapeCell, including text that already starts with an apostrophe', () => {
    for (const value of ['=1+1', "'=1+1", "''-x", 'plain', "'plain"])
      expect(unescapeCell(escapeCell(value))).toBe(value);
  });
});

import { normaliseOption, normaliseStem, toHalfWidth } from './normalise';

describe(normaliseStem.name, () => {
  it('folds full-width letters, digits and spaces to half-width', () => {
    expect(toHalfWidth('ＡＢＣ１２３　')).toBe('ABC123 ');
  });

  it('makes stems equal that differ only in punctuation, blanks, case, spacing and width', () => {
    // Arrange
    const variants = [
      'PE线的颜色应为（　　）。',
      ' pe线的颜色应为( ) ',
      'ＰＥ线的颜色，应为____',
      'PE 线的 颜色应为：',
    ];
    // Act
    const keys = new Set(variants.map(normaliseStem));
    // Assert
    expect([...keys]).toEqual(['pe线的颜色应为']);
  });

  it('keeps symbols that change the meaning', () => {
    expect(normaliseStem('电压≥36V')).not.toBe(normaliseStem('电压≤36V'));
    expect(normaliseStem('温度为90℃')).not.toBe(normaliseStem('温度为90'));
  });

  it('keeps a space between two English words', () => {
    expect(normaliseStem('Ohm law')).toBe('ohm law');
  });
});

describe(normaliseOption.name, () => {
  it('keeps signs and other punctuation, unlike stems', () => {
    expect(normaliseOption('-5 V')).not.toBe(normaliseOption('5 V'));
    expect(normaliseOption(' ３６　V ')).toBe('36 v');
  });
});

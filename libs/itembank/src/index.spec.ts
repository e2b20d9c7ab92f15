import * as itembank from './index';

describe('@jianding/itembank entry point', () => {
  it('exposes the functions the API layer calls', () => {
    const functions = [
      'validateItem',
      'validateImportBatch',
      'parseImport',
      'exportItems',
      'diffVersions',
      'transition',
      'nextVersion',
      'inUseVersion',
      'complianceReport',
      'classifyUsage',
      'validateKnowledgeMap',
      'leafPoints',
      'parsePolicy',
      'findPolicy',
      'defaultPaperTemplate',
      'validateTemplate',
      'normaliseStem',
    ];
    expect(functions.filter((name) => typeof (itembank as Record<string, unknown>)[name] !== 'function')).toEqual([]);
  });

  it('keeps the file readers internal and holds no demo data (the demo bank lives in apps/api/src/demo)', () => {
    expect(Object.keys(itembank).filter((name) => /demo/i.test(name))).toEqual([]);
    expect(
      Object.keys(itembank).filter((name) =>
        ['readCsv', 'readXlsx', 'readJson', 'cellText', 'UnreadableFileError', 'headerKey'].includes(name),
      ),
    ).toEqual([]);
  });

  it('exports every stable error code table', () => {
    expect(Object.keys(itembank.ItemIssueCode)).toContain('SINGLE_KEY_COUNT');
    expect(Object.keys(itembank.ImportErrorCode)).toContain('HEADER_MISSING');
    expect(Object.keys(itembank.WorkflowErrorCode)).toContain('SELF_REVIEW_FORBIDDEN');
    expect(Object.keys(itembank.KnowledgeMapIssueCode)).toContain('WEIGHTS_NOT_100');
    expect(Object.keys(itembank.PaperTemplateIssueCode)).toContain('TEMPLATE_TOTAL_NOT_100');
    expect(Object.keys(itembank.PolicyIssueCode)).toContain('POLICY_ID_RESERVED');
  });
});

import { Typography } from 'antd';
import { Route, Routes } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { SessionTable } from '../sessions/SessionTable';
import { AnswerLogTimeline } from './AnswerLogTimeline';
import { SessionResults } from './SessionResults';
import { PracticalResultsView } from '../practical/PracticalResultsView';

/**
 * 成绩: per session the scores and pass/fail, the distribution, corrections, (centre) the answer log, and the practical
 * results with the comprehensive review scores.
 */
export default function ResultsPage() {
  return (
    <Routes>
      <Route index element={<ResultsIndex />} />
      <Route path=":id" element={<SessionResults />} />
      <Route path=":id/practical" element={<PracticalResultsView />} />
      <Route path=":id/attempts/:attemptId/log" element={<AnswerLogTimeline />} />
    </Routes>
  );
}

function ResultsIndex() {
  const { t } = useI18n();
  return (
    <div>
      <Typography.Title level={1}>{t('nav.results')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('results.lead')}</Typography.Paragraph>
      <SessionTable linkTo={(id) => `/results/${id}`} testId="results-sessions-table" />
    </div>
  );
}

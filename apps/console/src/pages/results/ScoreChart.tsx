import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../../i18n/i18n';
import type { ScoreBucket } from './distribution';

/** The score distribution as bars, with the same numbers as a table for screen readers and print. */
export function ScoreChart({ buckets }: { buckets: ScoreBucket[] }) {
  const { t } = useI18n();
  return (
    <figure className="jd-chart" data-testid="score-distribution">
      <div aria-hidden="true" className="jd-chart-plot">
        <ResponsiveContainer width="100%" height={240}>
          <BarChart accessibilityLayer={false} data={buckets} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" name={t('results.count')} fill="#1f5fa8" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        <table className="jd-chart-table" data-testid="distribution-table">
          <caption>{t('results.distributionText')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.band')}</th>
              {buckets.map((b) => (
                <th scope="col" key={b.label}>
                  {b.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('results.count')}</th>
              {buckets.map((b) => (
                <td key={b.label} data-band={b.label}>
                  {b.count}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}

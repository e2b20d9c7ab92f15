import { Typography } from 'antd';
import type { PracticalTask } from '../../api/practical';
import { useI18n } from '../../i18n/i18n';

/** A task's description, materials and rubric, as the examiner reads them before scoring. */
export function TaskBrief({ task }: { task: PracticalTask }) {
  const { t } = useI18n();
  return (
    <div>
      <Typography.Paragraph className="jd-task-text">{task.task}</Typography.Paragraph>
      {task.materials && (
        <Typography.Paragraph>{t('scoring.materials', { materials: task.materials })}</Typography.Paragraph>
      )}
      <ol className="jd-rubric">
        {task.rubric.map((line, i) => (
          <li key={i}>
            {line.criterion}（{line.points}）
          </li>
        ))}
      </ol>
    </div>
  );
}

import { Button, Checkbox, Form, Input, Space, Typography } from 'antd';
import { picked } from '../../ui/form-rules';
import { useI18n } from '../../i18n/i18n';
import { label, LEVELS } from '../../ui/labels';
import type { ScopeRow } from './filing';

/** 备案范围: one row per occupation, with the levels it may assess (checkboxes, so Tab and Space pick them). */
export function ScopeFields() {
  const { t } = useI18n();
  return (
    <fieldset style={{ border: '1px solid #d9d9d9', borderRadius: 6, padding: '8px 12px', marginBottom: 16 }}>
      <legend style={{ width: 'auto', padding: '0 4px', margin: 0, fontSize: 14, border: 0 }}>{t('inst.scope')}</legend>
      <Form.List
        name="scope"
        rules={[
          {
            validator: (_, rows?: ScopeRow[]) =>
              rows && rows.length > 0 ? Promise.resolve() : Promise.reject(new Error(t('inst.scopeRequired'))),
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <Space key={field.key} align="start" wrap data-testid={`scope-row-${index}`}>
                <Form.Item
                  name={[field.name, 'occupation']}
                  label={t('inst.scopeOccupation')}
                  rules={[
                    { required: true, whitespace: true, message: t('inst.occupationRequired') },
                    { pattern: /^\s*[A-Za-z0-9][A-Za-z0-9._-]{0,31}\s*$/, message: t('inst.occupationFormat') },
                  ]}
                >
                  <Input placeholder="6-31-01-03" style={{ width: 160 }} data-testid={`scope-occupation-${index}`} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'levels']}
                  label={t('inst.scopeLevels')}
                  rules={[picked(t('inst.levelsRequired'))]}
                >
                  <Checkbox.Group
                    data-testid={`scope-levels-${index}`}
                    options={LEVELS.map((l) => ({ value: l, label: label(t, 'level', l) }))}
                  />
                </Form.Item>
                {fields.length > 1 && (
                  <Button
                    onClick={() => remove(field.name)}
                    aria-label={t('inst.scopeRemove', { n: index + 1 })}
                    data-testid={`scope-remove-${index}`}
                  >
                    {t('map.remove')}
                  </Button>
                )}
              </Space>
            ))}
            <Button onClick={() => add({ occupation: '', levels: [] })} data-testid="scope-add">
              {t('inst.scopeAdd')}
            </Button>
            <Typography.Text type="danger" role="alert">
              <Form.ErrorList errors={errors} />
            </Typography.Text>
          </>
        )}
      </Form.List>
    </fieldset>
  );
}

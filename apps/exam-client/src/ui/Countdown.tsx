import { useEffect, useRef, useState } from 'react';
import { formatHms } from '../exam/server-clock';
import { useI18n } from '../i18n/i18n';

const WARN_SECONDS = 5 * 60;
const ANNOUNCE_AT = [5 * 60, 60];

/** hh:mm:ss from the server-synchronised clock; warning colour in the last five minutes. */
/** `testId` differs for the copy on the fullscreen warning, so `countdown` always names the one clock of the screen. */
export function Countdown({
  remainingMs,
  compact = false,
  testId = 'countdown',
}: {
  remainingMs: () => number;
  compact?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const [seconds, setSeconds] = useState(() => Math.ceil(remainingMs() / 1000));
  const [announcement, setAnnouncement] = useState('');
  const announced = useRef(new Set<number>());

  useEffect(() => {
    const update = () => {
      const s = Math.ceil(remainingMs() / 1000);
      setSeconds(s);
      for (const mark of ANNOUNCE_AT) {
        if (s <= mark && s > mark - 30 && !announced.current.has(mark)) {
          announced.current.add(mark);
          setAnnouncement(t('timer.warning', { minutes: mark / 60 }));
        }
      }
    };
    update();
    const id = setInterval(update, 250);
    return () => clearInterval(id);
  }, [remainingMs, t]);

  const warn = seconds <= WARN_SECONDS;
  return (
    <div className={`timer${warn ? ' timer--warn' : ''}${compact ? ' timer--compact' : ''}`}>
      <span className="timer__label">{t('timer.label')}</span>
      <span
        className="timer__value"
        role="timer"
        aria-label={t('timer.label')}
        data-testid={testId}
        data-remaining={Math.max(0, seconds)}
        data-warning={warn || undefined}
      >
        {formatHms(seconds)}
      </span>
      <span className="visually-hidden" aria-live="assertive">
        {announcement}
      </span>
    </div>
  );
}

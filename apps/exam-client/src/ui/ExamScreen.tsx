import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { isAnswered } from '../exam/answers';
import type { ExamController, ExamNotice } from '../exam/exam-controller';
import { keyToAction } from '../exam/keyboard';
import { useI18n, type Translate } from '../i18n/i18n';
import type { FullscreenPort } from '../lockdown/fullscreen';
import { Countdown } from './Countdown';
import { levelLabel } from './InstructionsScreen';
import { Navigator } from './Navigator';
import { FinishingOverlay, FullscreenWarning, PausedOverlay } from './Overlays';
import { Preferences } from './Preferences';
import { QuestionPanel } from './QuestionPanel';
import { SaveStatus } from './SaveStatus';
import { SubmitDialog } from './SubmitDialog';
import { Toasts, type Toast } from './Toasts';

export interface ExamScreenProps {
  controller: ExamController;
  fullscreen: FullscreenPort;
}

const TOAST_MS = 8_000;

export function ExamScreen({ controller, fullscreen }: ExamScreenProps) {
  const { t } = useI18n();
  const snap = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const isFullscreen = useSyncExternalStore(fullscreen.subscribe, fullscreen.isFullscreen);
  const [confirming, setConfirming] = useState(false);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const questionRef = useRef<HTMLDivElement>(null);
  const { attempt, position, answers, marks, phase, journal } = snap;
  const item = controller.item(position);
  const active = phase === 'active';
  const keyboardEnabled = active && isFullscreen && !confirming;
  const remainingMs = useCallback(() => controller.remainingMs(), [controller]);

  // Toasts for what the controller reports.
  useEffect(() => {
    let nextId = 1;
    return controller.onNotice((n) => {
      const toast = { id: nextId++, ...describeNotice(n, t) };
      setToasts((list) => [...list.slice(-3), toast]);
      setTimeout(() => setToasts((list) => list.filter((x) => x.id !== toast.id)), TOAST_MS);
    });
  }, [controller, t]);

  // Keyboard: 1–8 / A–H choose, T/F on judge items, ← → move, M marks.
  useEffect(() => {
    if (!keyboardEnabled || !item) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const action = keyToAction(e, item);
      if (!action) return;
      e.preventDefault(); // also stops a focused radio group from moving its own selection on ← →
      if (action.type === 'choose') controller.choose(item.position, action.choice);
      else if (action.type === 'next') controller.next();
      else if (action.type === 'prev') controller.prev();
      else controller.toggleMark();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keyboardEnabled, item, controller]);

  // A new question: scroll to its top and, unless the candidate is working the answer sheet, focus its title.
  useEffect(() => {
    questionRef.current?.scrollTo?.({ top: 0 });
    const activeEl = document.activeElement;
    if (!activeEl || activeEl === document.body || questionRef.current?.contains(activeEl)) {
      headingRef.current?.focus({ preventScroll: true });
    }
  }, [position]);

  if (!item) return null;
  const items = attempt.items;
  const first = items[0]?.position ?? 1;
  const last = items[items.length - 1]?.position ?? 1;
  const marked = marks.has(position);
  const unanswered = items.filter((i) => !isAnswered(answers.get(i.position)?.answer)).map((i) => i.position);
  const markedList = [...marks].filter((p) => controller.item(p)).sort((a, b) => a - b);
  const covered = !isFullscreen && (phase === 'active' || phase === 'finishing');

  return (
    <div className="exam" data-phase={phase}>
      <header className="topbar" aria-hidden={covered || undefined}>
        <div className="topbar__who">
          <span className="brand__mark" aria-hidden="true">
            鉴
          </span>
          <div className="topbar__text">
            <span className="topbar__session">
              {attempt.session.occupationName} · {levelLabel(attempt.session.level, t)}
            </span>
            <span className="topbar__candidate">
              {attempt.candidate.name} · {attempt.candidate.ticketNo}
            </span>
          </div>
        </div>
        <SaveStatus status={journal} />
        <Countdown remainingMs={remainingMs} />
        <div className="topbar__actions">
          <Preferences />
          <button
            type="button"
            className="btn btn--primary"
            data-testid="submit-open"
            disabled={!active}
            onClick={() => setConfirming(true)}
          >
            {t('submit.open')}
          </button>
        </div>
      </header>

      <div className="exam__body" aria-hidden={covered || undefined}>
        <main className="exam__main" ref={questionRef}>
          <QuestionPanel
            ref={headingRef}
            key={item.position}
            item={item}
            total={items.length}
            answer={answers.get(item.position)?.answer}
            marked={marked}
            disabled={!active}
            onChoose={(choice) => controller.choose(item.position, choice)}
            onClear={() => controller.clearAnswer(item.position)}
          />
          <div className="pager">
            <button
              type="button"
              className="btn btn--secondary btn--large"
              data-testid="prev"
              onClick={() => controller.prev()}
              disabled={position <= first}
            >
              <span aria-hidden="true">← </span>
              {t('nav.prev')}
            </button>
            <button
              type="button"
              className={`btn btn--mark btn--large${marked ? ' btn--mark-on' : ''}`}
              data-testid="mark-review"
              aria-pressed={marked}
              onClick={() => controller.toggleMark()}
              disabled={!active}
            >
              <span aria-hidden="true">⚑ </span>
              {marked ? t('nav.unmark') : t('nav.mark')}
              <kbd className="kbd" aria-hidden="true">
                M
              </kbd>
            </button>
            <button
              type="button"
              className="btn btn--secondary btn--large"
              data-testid="next"
              onClick={() => controller.next()}
              disabled={position >= last}
            >
              {t('nav.next')}
              <span aria-hidden="true"> →</span>
            </button>
          </div>
        </main>
        <Navigator items={items} answers={answers} marks={marks} current={position} onGo={(p) => controller.goTo(p)} />
      </div>

      {confirming && active && (
        <SubmitDialog
          unanswered={unanswered}
          marked={markedList}
          pendingUploads={journal.pendingAnswers}
          onCancel={() => setConfirming(false)}
          onGo={(p) => {
            setConfirming(false);
            controller.goTo(p);
          }}
          onConfirm={() => {
            setConfirming(false);
            void controller.submit();
          }}
        />
      )}
      {phase === 'finishing' && snap.finishReason && (
        <FinishingOverlay reason={snap.finishReason} retrying={snap.submitRetrying || journal.offline} />
      )}
      {snap.paused && phase === 'active' && <PausedOverlay remainingMs={remainingMs} />}
      {covered && phase === 'active' && !snap.paused && (
        <FullscreenWarning onReturn={() => fullscreen.request()} remainingMs={remainingMs} />
      )}
      <Toasts toasts={toasts} onDismiss={(id) => setToasts((list) => list.filter((x) => x.id !== id))} />
    </div>
  );
}

function describeNotice(n: ExamNotice, t: Translate): Omit<Toast, 'id'> {
  switch (n.type) {
    case 'answer-rejected':
      return { tone: 'error', text: t('toast.answerRejected', { n: n.position, message: n.message }) };
    case 'answers-superseded':
      return { tone: 'info', text: t('toast.superseded', { count: n.positions.length }) };
    case 'submit-blocked-pending':
      return { tone: 'error', text: t('toast.submitPending', { count: n.pending }) };
    case 'submit-failed':
      return { tone: 'error', text: t('toast.submitFailed', { message: n.message }) };
    case 'storage-degraded':
      return { tone: 'error', text: t('toast.storageDegraded') };
  }
}

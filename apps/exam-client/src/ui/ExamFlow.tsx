import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { ExamController, ExamOutcome } from '../exam/exam-controller';
import type { FullscreenPort } from '../lockdown/fullscreen';
import { installLockdown } from '../lockdown/lockdown';
import { ExamScreen } from './ExamScreen';
import { InstructionsScreen } from './InstructionsScreen';

export type ExamEnd = { kind: 'submitted'; outcome: ExamOutcome } | { kind: 'replaced' } | { kind: 'signed_out' };

export interface ExamFlowProps {
  controller: ExamController;
  fullscreen: FullscreenPort;
  /** The candidate already passed the instructions for this attempt (a reload or a crash). */
  started: boolean;
  onStarted: () => void;
  onEnd: (end: ExamEnd) => void;
}

/** Instructions with the fullscreen gate, then the exam; the page is locked down while either is shown. */
export function ExamFlow({ controller, fullscreen, started: initiallyStarted, onStarted, onEnd }: ExamFlowProps) {
  const [started, setStarted] = useState(initiallyStarted);
  const phase = useSyncExternalStore(controller.subscribe, () => controller.getSnapshot().phase);
  const remainingMs = useCallback(() => controller.remainingMs(), [controller]);

  useEffect(() => {
    const root = document.documentElement;
    root.classList.add('locked');
    const undo = installLockdown({
      win: window,
      doc: document,
      onEvent: (type, detail) => controller.logEvent(type, detail),
      onOnline: () => controller.setOnline(true),
      onOffline: () => controller.setOnline(false),
    });
    return () => {
      undo();
      root.classList.remove('locked');
    };
  }, [controller]);

  useEffect(() => {
    if (phase === 'submitted')
      onEnd({ kind: 'submitted', outcome: controller.getSnapshot().outcome ?? { showResult: false } });
    else if (phase === 'replaced' || phase === 'signed_out') onEnd({ kind: phase });
  }, [phase, controller, onEnd]);

  if (!started) {
    return (
      <InstructionsScreen
        attempt={controller.getSnapshot().attempt}
        remainingMs={remainingMs}
        fullscreen={fullscreen}
        onStart={() => {
          setStarted(true);
          onStarted();
        }}
      />
    );
  }
  return <ExamScreen controller={controller} fullscreen={fullscreen} />;
}

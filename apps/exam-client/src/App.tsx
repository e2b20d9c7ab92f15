import { useCallback, useEffect, useRef, useState } from 'react';
import { openExam, viewForOpenError, type AppDeps, type Notice, type OpenedExam } from './app/open-exam';
import type { ExamController, ExamOutcome } from './exam/exam-controller';
import { useI18n } from './i18n/i18n';
import type { FullscreenPort } from './lockdown/fullscreen';
import { ExamFlow, type ExamEnd } from './ui/ExamFlow';
import { MessageScreen } from './ui/MessageScreen';
import { ResultScreen } from './ui/ResultScreen';
import { SignInScreen } from './ui/SignInScreen';

export interface AppProps {
  deps: AppDeps;
  fullscreen: FullscreenPort;
  /** This page load was a reload: logged once, as an integrity event, when the exam opens. */
  reloaded?: boolean;
}

type View =
  | { kind: 'loading' }
  | { kind: 'unreachable' }
  | { kind: 'signin'; notice: Notice | null }
  | { kind: 'other-tab' }
  | { kind: 'replaced' }
  | { kind: 'exam'; controller: ExamController; started: boolean }
  | { kind: 'done'; outcome: ExamOutcome; candidateName?: string };

const RETRY_MS = 5_000;

/** Which screen the candidate is on, and the hand-over between them. The exam itself lives in ExamController. */
export function App({ deps, fullscreen, reloaded = false }: AppProps) {
  const { t } = useI18n();
  const [view, setView] = useState<View>(() =>
    deps.tokens.get() ? { kind: 'loading' } : { kind: 'signin', notice: null },
  );
  // The open exam's lock and controller, released exactly once when the candidate leaves it.
  const running = useRef<{ controller: ExamController; release: () => void } | null>(null);
  const reloadToLog = useRef(reloaded);

  const closeRunning = useCallback(() => {
    const run = running.current;
    running.current = null;
    if (!run) return;
    run.controller.dispose();
    run.release();
  }, []);

  const show = useCallback(
    (opened: OpenedExam) => {
      closeRunning();
      if (opened.kind === 'exam') {
        running.current = { controller: opened.controller, release: opened.release };
        if (reloadToLog.current) {
          reloadToLog.current = false;
          opened.controller.logEvent('reload');
        }
        setView({ kind: 'exam', controller: opened.controller, started: opened.started });
      } else if (opened.kind === 'done') {
        setView({ kind: 'done', outcome: opened.outcome, candidateName: opened.candidateName });
      } else {
        setView({ kind: 'other-tab' });
      }
    },
    [closeRunning],
  );

  // One load at a time: two would race for the tab lock and the second would see "open in another window".
  const loading = useRef(false);
  const load = useCallback(async () => {
    if (loading.current) return;
    loading.current = true;
    try {
      show(await openExam(deps));
    } catch (err) {
      setView(viewForOpenError(err, deps.tokens));
    } finally {
      loading.current = false;
    }
  }, [deps, show]);

  // With a token from before (reload, crash), go straight back to the exam.
  const booted = useRef(false);
  useEffect(() => {
    if (booted.current || view.kind !== 'loading') return;
    booted.current = true;
    void load();
  }, [view.kind, load]);

  // The server could not be reached: keep trying; the journal waits in storage meanwhile.
  useEffect(() => {
    if (view.kind !== 'unreachable') return;
    const id = setInterval(() => void load(), RETRY_MS);
    return () => clearInterval(id);
  }, [view.kind, load]);

  useEffect(() => closeRunning, [closeRunning]);

  const signIn = useCallback(
    async (ticketNo: string, idNumber: string) => {
      const { token } = await deps.api.login(ticketNo, idNumber); // a refusal is shown by the form
      deps.tokens.set(token);
      let opened: OpenedExam;
      try {
        opened = await openExam(deps);
      } catch (err) {
        const next = viewForOpenError(err, deps.tokens);
        if (next.kind === 'signin') throw err; // the form shows the server's reason
        setView(next);
        return;
      }
      show(opened);
    },
    [deps, show],
  );

  const onEnd = useCallback(
    (end: ExamEnd) => {
      const run = running.current;
      const name = run?.controller.getSnapshot().attempt.candidate.name;
      if (end.kind === 'submitted' && run) deps.started.clear(run.controller.attemptId);
      closeRunning();
      // The controller is disposed, so leaving fullscreen now is not logged as an integrity event.
      if (end.kind === 'submitted') setView({ kind: 'done', outcome: end.outcome, candidateName: name });
      else {
        deps.tokens.clear();
        setView(end.kind === 'replaced' ? { kind: 'replaced' } : { kind: 'signin', notice: { key: 'signin.expired' } });
      }
      void fullscreen.exit().catch(() => undefined);
    },
    [closeRunning, deps, fullscreen],
  );

  const toSignIn = useCallback(() => {
    deps.tokens.clear();
    setView({ kind: 'signin', notice: null });
  }, [deps]);

  switch (view.kind) {
    case 'loading':
      return <MessageScreen title={t('loading')} testId="loading" />;
    case 'unreachable':
      return (
        <MessageScreen title={t('boot.offline')} testId="unreachable" tone="warn">
          <button type="button" className="btn btn--primary" onClick={() => void load()}>
            {t('boot.retry')}
          </button>
        </MessageScreen>
      );
    case 'signin':
      return <SignInScreen onSignIn={signIn} notice={view.notice ? t(view.notice.key, view.notice.params) : null} />;
    case 'other-tab':
      return <MessageScreen title={t('otherTab.title')} body={t('otherTab.body')} testId="other-tab" tone="warn" />;
    case 'replaced':
      return (
        <MessageScreen title={t('replaced.title')} body={t('replaced.body')} testId="session-replaced" tone="warn">
          <button type="button" className="btn btn--primary" data-testid="replaced-signin" onClick={toSignIn}>
            {t('replaced.signin')}
          </button>
        </MessageScreen>
      );
    case 'exam':
      return (
        <ExamFlow
          key={view.controller.attemptId}
          controller={view.controller}
          fullscreen={fullscreen}
          started={view.started}
          onStarted={() => deps.started.set(view.controller.attemptId)}
          onEnd={onEnd}
        />
      );
    case 'done':
      return <ResultScreen outcome={view.outcome} candidateName={view.candidateName} onLeave={toSignIn} />;
  }
}

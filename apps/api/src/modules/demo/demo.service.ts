import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { PROCESS_ROLE, ProcessRole } from '../../queue/queue.service';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { ExamSessionsService } from '../exam/exam-sessions.service';
import { InstitutionsService } from '../institutions/institutions.service';
import { PaperRequestsService } from '../papers/paper-requests.service';
import { ExaminersService } from '../practical/examiners.service';
import { PracticalService } from '../practical/practical.service';
import type { StaffRole } from '../users/roles';
import { UserDirectory } from '../users/user-directory';
import { UsersService } from '../users/users.service';
import { DEMO_AUTHOR, DEMO_REVIEWER, DemoBankService } from './demo-bank.service';
import { demoRoster } from './demo-roster';
import { demoWelcomeLines, type DemoSignIn } from './demo-welcome';

export const DEMO_INSTITUTION_CODE = 'DEMO-001';
export const DEMO_CENTRE = { username: 'demo-centre', password: 'demo-centre-pass' };
export const DEMO_INSTITUTION = { username: 'demo-institution', password: 'demo-institution-pass' };
/** The demo bank's own author and reviewer, given passwords so a newcomer can sign in to the console as them. */
export const DEMO_AUTHOR_SIGN_IN = { username: DEMO_AUTHOR, password: 'demo-author-pass' };
export const DEMO_REVIEWER_SIGN_IN = { username: DEMO_REVIEWER, password: 'demo-reviewer-pass' };
/** The practical panel of the demo session: three outside examiners, the first its chief. */
export const DEMO_EXAMINERS = [
  { username: 'demo-examiner-1', password: 'demo-examiner-pass', name: '王建国' },
  { username: 'demo-examiner-2', password: 'demo-examiner-pass', name: '李秀英' },
  { username: 'demo-examiner-3', password: 'demo-examiner-pass', name: '张志强' },
];
export const DEMO_CANDIDATES = 30;
/** Candidates the banner and the README list, so a newcomer can sit the exam as several of them. */
export const DEMO_LISTED_CANDIDATES = 3;
const SESSION_HOURS = 4;

/**
 * What a newcomer sees after `npm ci && npm start`: the demo bank, a filed institution, a drawn paper and an exam
 * session open for the next hours, created through the same services a real centre and institution use. The welcome
 * banner is not printed here (it would come before Nest's own start-up logs): `main.ts` prints {@link welcome} once
 * the server listens.
 */
@Injectable()
export class DemoService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');
  private ready = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
    private readonly bank: DemoBankService,
    private readonly users: UsersService,
    private readonly directory: UserDirectory,
    private readonly institutions: InstitutionsService,
    private readonly requests: PaperRequestsService,
    private readonly examiners: ExaminersService,
    private readonly practical: PracticalService,
    private readonly sessions: ExamSessionsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo || this.role !== 'api') return;
    if (await this.directory.findByUsername(DEMO_INSTITUTION.username)) {
      this.ready = true;
      return;
    }
    try {
      await this.create();
      this.ready = true;
    } catch (err) {
      this.logger.error(`The demo could not be created: ${(err as Error).message}`);
    }
  }

  async create(): Promise<{ sessionId: string; requestId: string }> {
    const started = Date.now();
    await this.bank.ensureDemoBank({
      author: DEMO_AUTHOR_SIGN_IN.password,
      reviewer: DEMO_REVIEWER_SIGN_IN.password,
    });
    const system = { id: null, name: 'demo' };
    const centreView = await this.users.create(system, {
      ...DEMO_CENTRE,
      roles: ['centre'],
      displayName: '示例鉴定中心',
    });
    const centre = this.principal(centreView.id, DEMO_CENTRE.username, ['centre'], null);
    const institution = await this.institutions.create(actorOf(centre), {
      code: DEMO_INSTITUTION_CODE,
      name: '示例职业技能评价机构',
      type: 'training',
      scope: [{ occupation: '6-31-01-03', levels: ['5', '4', '3'] }],
    });
    const instView = await this.users.create(system, {
      ...DEMO_INSTITUTION,
      roles: ['institution', 'proctor'],
      displayName: '示例机构考务',
      institutionId: institution.id,
    });
    const inst = this.principal(instView.id, DEMO_INSTITUTION.username, ['institution', 'proctor'], institution.id);

    const today = new Date().toISOString().slice(0, 10);
    const { id: requestId } = await this.requests.create(inst, {
      occupation: '6-31-01-03',
      level: '4',
      examDate: today,
      forms: 2,
      includePractical: true,
    });
    await this.requests.approve(actorOf(centre), requestId, {});
    await this.waitReady(inst, requestId);

    const session = await this.sessions.create(inst, {
      paperRequestId: requestId,
      name: '电工四级 理论知识 示例场次',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      durationMinutes: SESSION_HOURS * 60,
      candidates: demoRoster(DEMO_CANDIDATES),
      showResult: true,
    });
    await this.dispatchPanel(centre, (session as { id: string }).id);
    this.logger.log(`Demo created in ${Date.now() - started} ms`);
    return { sessionId: (session as { id: string }).id, requestId };
  }

  /** Registers the demo examiners with the centre and dispatches them as the session's panel. */
  private async dispatchPanel(centre: StaffPrincipal, sessionId: string): Promise<void> {
    const ids: string[] = [];
    for (const [k, e] of DEMO_EXAMINERS.entries()) {
      const user = await this.users.create(
        { id: null, name: 'demo' },
        {
          username: e.username,
          password: e.password,
          roles: ['examiner'],
          displayName: e.name,
        },
      );
      const examiner = await this.examiners.create(actorOf(centre), {
        userId: user.id,
        name: e.name,
        certificateNo: `DEMO-KPY-00${k + 1}`,
        occupations: ['6-31-01-03'],
        level: k === 0 ? '2' : '3',
        institutionId: null,
      });
      ids.push(examiner.id);
    }
    await this.practical.dispatchPanel(centre, sessionId, { examiners: ids, chief: ids[0] });
  }

  private async waitReady(p: StaffPrincipal, requestId: string): Promise<void> {
    for (let i = 0; i < 600; i++) {
      const view = await this.requests.get(p, requestId);
      if (view.status === 'ready') return;
      if (view.status === 'failed' || view.status === 'rejected')
        throw new Error(`demo paper request ${view.status}: ${view.reason}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the demo paper was not drawn within a minute');
  }

  private principal(
    userId: string,
    username: string,
    roles: StaffRole[],
    institutionId: string | null,
  ): StaffPrincipal {
    return { kind: 'staff', userId, username, roles, institutionId };
  }

  /** The welcome banner's text once the demo is there, or null (no demo in this process, or it failed). */
  welcome(): string | null {
    return this.ready ? demoWelcome(this.config) : null;
  }
}

/** The banner `npm start` prints last: addresses, the first {@link DEMO_LISTED_CANDIDATES} candidates, the sign-ins. */
export function demoWelcome(config: Pick<AppConfig, 'port' | 'bootstrapAdmin'>): string {
  const roster = demoRoster(DEMO_CANDIDATES);
  const admin = config.bootstrapAdmin;
  const signIns: DemoSignIn[] = [
    ...(admin ? [{ label: 'admin', ...admin }] : []),
    { label: 'centre', ...DEMO_CENTRE },
    { label: 'institution', ...DEMO_INSTITUTION },
    { label: 'author', ...DEMO_AUTHOR_SIGN_IN },
    { label: 'reviewer', ...DEMO_REVIEWER_SIGN_IN },
    { label: 'examiner (chief)', username: DEMO_EXAMINERS[0].username, password: DEMO_EXAMINERS[0].password },
  ];
  const lines = demoWelcomeLines({
    url: `http://localhost:${config.port}`,
    candidates: roster.slice(0, DEMO_LISTED_CANDIDATES),
    lastTicket: roster.at(-1)!.ticketNo,
    signIns,
  });
  return lines.join('\n') + '\n';
}

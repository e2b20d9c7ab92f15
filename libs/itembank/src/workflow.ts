import type { ItemStatus } from './types';

/**
 * Review workflow (SPEC §2): draft → in_review → approved → retired; a rejection sends the version
 * back to draft with the reviewer's reason. An author can never approve or reject their own version.
 */
export type WorkflowAction = 'submit' | 'approve' | 'reject' | 'retire';

export const WorkflowErrorCode = {
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  SELF_REVIEW_FORBIDDEN: 'SELF_REVIEW_FORBIDDEN',
  REASON_REQUIRED: 'REASON_REQUIRED',
  NOT_AUTHOR: 'NOT_AUTHOR',
  ROLE_REQUIRED: 'ROLE_REQUIRED',
  VERSION_IN_REVIEW: 'VERSION_IN_REVIEW',
  ITEM_RETIRED: 'ITEM_RETIRED',
} as const;
export type WorkflowErrorCode = (typeof WorkflowErrorCode)[keyof typeof WorkflowErrorCode];

export interface WorkflowError {
  code: WorkflowErrorCode;
  message: string;
}
/** Either the outcome or a typed error; the API maps the error code to its exception. */
export type WorkflowResult<T> = { ok: true; value: T } | ({ ok: false } & WorkflowError);

export interface Actor {
  id: string;
  roles: readonly string[];
}

export interface WorkflowRule {
  from: ItemStatus;
  to: ItemStatus;
  /** The version's own author may do it. */
  byAuthor: boolean;
  /** Holders of any of these roles may do it. */
  roles: readonly string[];
}

/**
 * The whole state machine as data, so the API and the docs can show it. Retiring removes an item from
 * future papers; the author of the version, who maintains it (谁编制、谁维护), may do it, as may a
 * reviewer or an admin.
 */
export const WORKFLOW_RULES: Readonly<Record<WorkflowAction, WorkflowRule>> = {
  submit: { from: 'draft', to: 'in_review', byAuthor: true, roles: [] },
  approve: { from: 'in_review', to: 'approved', byAuthor: false, roles: ['reviewer'] },
  reject: { from: 'in_review', to: 'draft', byAuthor: false, roles: ['reviewer'] },
  retire: { from: 'approved', to: 'retired', byAuthor: true, roles: ['reviewer', 'admin'] },
};

function fail<T>(code: WorkflowErrorCode, message: string): WorkflowResult<T> {
  return { ok: false, code, message };
}

/**
 * Applies a workflow action to a version. Checks, in order: the action is allowed from the current
 * status (INVALID_TRANSITION); approve/reject by the version's own author (SELF_REVIEW_FORBIDDEN, even if
 * they also hold the reviewer role); the actor's role (NOT_AUTHOR / ROLE_REQUIRED); a reject carries a
 * non-blank reason (REASON_REQUIRED).
 */
export function transition(
  version: { status: ItemStatus; authorId: string },
  action: WorkflowAction,
  actor: Actor,
  reason?: string,
): WorkflowResult<ItemStatus> {
  const rule = WORKFLOW_RULES[action];
  if (!rule) return fail('INVALID_TRANSITION', `Unknown action "${String(action)}".`);
  if (version.status !== rule.from) {
    return fail(
      'INVALID_TRANSITION',
      `Cannot ${action} a version that is ${version.status}; only a ${rule.from} version can be ${pastTense(action)}.`,
    );
  }
  const isAuthor = actor.id === version.authorId;
  if ((action === 'approve' || action === 'reject') && isAuthor) {
    return fail(
      'SELF_REVIEW_FORBIDDEN',
      'You wrote this version, so someone else must review it. 命题人不能审核自己编写的试题。',
    );
  }
  const allowed = (rule.byAuthor && isAuthor) || rule.roles.some((role) => actor.roles.includes(role));
  if (!allowed) {
    if (rule.roles.length === 0) return fail('NOT_AUTHOR', `Only the author of this version can ${action} it.`);
    const who = [...(rule.byAuthor ? ["the version's author"] : []), ...rule.roles.map((r) => `role ${r}`)].join(
      ' or ',
    );
    return fail('ROLE_REQUIRED', `To ${action} this version you need to be ${who}.`);
  }
  if (action === 'reject' && (reason ?? '').trim() === '') {
    return fail('REASON_REQUIRED', 'A rejection needs a reason for the author. 退回须说明理由。');
  }
  return { ok: true, value: rule.to };
}

function pastTense(action: WorkflowAction): string {
  return { submit: 'submitted', approve: 'approved', reject: 'rejected', retire: 'retired' }[action];
}

export interface VersionHead {
  /** 1-based version number. */
  number: number;
  status: ItemStatus;
}

/**
 * The version an edit creates. Content is immutable per version, so every edit, even of a draft, is a
 * new draft numbered after the latest; an approved version stays in use until its successor is approved.
 * Editing is refused while the latest version is in review (the reviewer would be judging stale
 * content: reject it first) and once the item is retired.
 *
 * @param latest the item's highest-numbered version
 */
export function nextVersion(latest: VersionHead): WorkflowResult<VersionHead> {
  if (latest.status === 'in_review') {
    return fail(
      'VERSION_IN_REVIEW',
      `Version ${latest.number} is in review; wait for the review or have it rejected before editing.`,
    );
  }
  if (latest.status === 'retired') {
    return fail('ITEM_RETIRED', 'A retired item cannot be edited; write a new item instead.');
  }
  return { ok: true, value: { number: latest.number + 1, status: 'draft' } };
}

/**
 * The version papers draw from: among versions that reached approval, the highest-numbered one,
 * unless that one is retired (then the item is out of use). Older approved versions are superseded,
 * newer drafts or versions in review do not count yet.
 */
export function inUseVersion<V extends VersionHead>(versions: readonly V[]): V | undefined {
  let latest: V | undefined;
  for (const v of versions) {
    if ((v.status === 'approved' || v.status === 'retired') && (!latest || v.number > latest.number)) latest = v;
  }
  return latest?.status === 'approved' ? latest : undefined;
}

// Which console pages each staff role may open: one table, read by the navigation and by every route guard.
export type StaffRole = 'admin' | 'author' | 'reviewer' | 'institution' | 'centre' | 'proctor' | 'examiner';

export type PageId =
  | 'banks'
  | 'knowledgeMap'
  | 'items'
  | 'itemEdit'
  | 'import'
  | 'review'
  | 'institutions'
  | 'examiners'
  | 'compliance'
  | 'users'
  | 'policies'
  | 'paperRequests'
  | 'papers'
  | 'audit'
  | 'sessions'
  | 'monitor'
  | 'scoring'
  | 'results'
  | 'account';

export const PAGE_ROLES: Readonly<Record<PageId, readonly StaffRole[]>> = {
  banks: ['author', 'reviewer', 'centre'],
  knowledgeMap: ['author'],
  items: ['author', 'reviewer', 'centre'],
  itemEdit: ['author'],
  import: ['author'],
  review: ['reviewer'],
  institutions: ['centre'],
  examiners: ['centre'],
  compliance: ['centre'],
  users: ['admin'],
  policies: ['admin', 'centre'],
  paperRequests: ['institution', 'centre'],
  papers: ['centre'],
  audit: ['centre'],
  sessions: ['institution', 'centre'],
  monitor: ['proctor', 'institution', 'centre'],
  scoring: ['examiner'],
  results: ['institution', 'centre'],
  account: ['admin', 'author', 'reviewer', 'institution', 'centre', 'proctor', 'examiner'],
};

/** Compliance reports are for authors and the centre (the API's rule for GET …/compliance). */
export const COMPLIANCE_ROLES: readonly StaffRole[] = ['author', 'centre'];

export const mayOpen = (roles: readonly string[], page: PageId): boolean =>
  PAGE_ROLES[page].some((r) => roles.includes(r));

export const hasAnyRole = (roles: readonly string[], wanted: readonly StaffRole[]): boolean =>
  wanted.some((r) => roles.includes(r));

/** Pages shown in the navigation, in menu order. */
export const NAV_PAGES: readonly PageId[] = [
  'banks',
  'items',
  'import',
  'review',
  'institutions',
  'examiners',
  'paperRequests',
  'papers',
  'sessions',
  'monitor',
  'scoring',
  'results',
  'compliance',
  'audit',
  'users',
  'policies',
  'account',
];

export const visiblePages = (roles: readonly string[]): PageId[] => NAV_PAGES.filter((p) => mayOpen(roles, p));

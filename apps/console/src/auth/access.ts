// Which console pages each staff role may open: one table, read by the navigation and by every route guard.
export type StaffRole = 'admin' | 'author' | 'reviewer' | 'institution' | 'centre' | 'proctor';

export type PageId =
  | 'banks'
  | 'knowledgeMap'
  | 'items'
  | 'itemEdit'
  | 'import'
  | 'review'
  | 'institutions'
  | 'compliance'
  | 'users'
  | 'policies'
  | 'paperRequests'
  | 'papers'
  | 'audit'
  | 'sessions'
  | 'monitor'
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
  compliance: ['centre'],
  users: ['admin'],
  policies: ['admin', 'centre'],
  paperRequests: ['institution', 'centre'],
  papers: ['centre'],
  audit: ['centre'],
  sessions: ['institution', 'centre'],
  monitor: ['proctor', 'institution', 'centre'],
  results: ['institution', 'centre'],
  account: ['admin', 'author', 'reviewer', 'institution', 'centre', 'proctor'],
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
  'paperRequests',
  'papers',
  'sessions',
  'monitor',
  'results',
  'compliance',
  'audit',
  'users',
  'policies',
  'account',
];

export const visiblePages = (roles: readonly string[]): PageId[] => NAV_PAGES.filter((p) => mayOpen(roles, p));

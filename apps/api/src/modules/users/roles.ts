/** The staff roles; a user holds one or more. */
export const STAFF_ROLES = ['admin', 'author', 'reviewer', 'institution', 'centre', 'proctor', 'examiner'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

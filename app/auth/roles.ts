/** Roles, isomorphic (the browser bundle must not import the database schema). */
export const ROLES = ['survivor', 'moderator', 'triage', 'assessor', 'archivist', 'researcher', 'curator', 'sounding_board', 'interviewer', 'intake', 'admin'] as const
export type Role = (typeof ROLES)[number]
export const STAFF_ROLES = ['moderator', 'triage', 'assessor', 'archivist', 'researcher', 'curator', 'sounding_board', 'interviewer', 'intake', 'admin'] as const satisfies readonly Role[]
export type StaffRole = (typeof STAFF_ROLES)[number]

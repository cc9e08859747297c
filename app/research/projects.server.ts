import { randomBytes } from 'node:crypto'
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { userRoles, users } from '@db/schema/accounts'
import { researchExports, researchProjectResearchers, researchProjects, type ResearchProject } from '@db/schema/research'
import { recordAccess } from '~/audit/audit.server'
import type { ResearchProjectForm } from './project-form'

/** A refusal a page shows in the user's language (`research:<messageKey>`), with its HTTP status. */
export class ResearchError extends Error {
  constructor(
    readonly messageKey: string,
    readonly status: 400 | 403 | 404 = 400,
  ) {
    super(messageKey)
    this.name = 'ResearchError'
  }
}

const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' })
/** Today's date in the Netherlands as YYYY-MM-DD (project dates are calendar dates there). */
export function todayInNetherlands(now = new Date()) {
  return AMSTERDAM_DATE.format(now)
}

/**
 * A project may export only while it is active: registered, not past its end date, with an
 * ethics approval reference and a data-use agreement dated today or earlier.
 */
export function isProjectActive(p: Pick<ResearchProject, 'createdAt' | 'endsOn' | 'ethicsReference' | 'dataUseAgreementOn'>, now = new Date()) {
  const today = todayInNetherlands(now)
  return (
    todayInNetherlands(p.createdAt) <= today &&
    today <= p.endsOn &&
    !!p.ethicsReference?.trim() &&
    p.dataUseAgreementOn !== null &&
    p.dataUseAgreementOn <= today
  )
}

/** Staff accounts (not disabled) that hold the researcher role: the only ones a project may list. */
export async function listResearcherAccounts(tx: DbOrTx = db) {
  return tx
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'researcher')))
    .where(and(eq(users.kind, 'staff'), isNull(users.disabledAt)))
    .orderBy(asc(users.displayName))
}

/** Registers a project (admins). Every researcher must be a current researcher account. */
export async function createResearchProject({ admin, input, ip }: { admin: { id: string; roles: string[] }; input: ResearchProjectForm; ip?: string | null }) {
  return db.transaction(async (tx) => {
    const allowed = new Set((await listResearcherAccounts(tx)).map((r) => r.id))
    const researchers = [...new Set(input.researchers)]
    if (researchers.some((id) => !allowed.has(id))) throw new ResearchError('errors.researchers')
    if (input.endsOn < todayInNetherlands()) throw new ResearchError('errors.endsInPast')
    const [project] = await tx
      .insert(researchProjects)
      .values({
        title: input.title,
        organisation: input.organisation,
        purpose: input.purpose,
        ethicsReference: input.ethicsReference,
        dataUseAgreementOn: input.dataUseAgreementOn,
        endsOn: input.endsOn,
        pseudonymSalt: randomBytes(32).toString('base64url'),
        createdBy: admin.id,
      })
      .returning({ id: researchProjects.id })
    await tx.insert(researchProjectResearchers).values(researchers.map((userId) => ({ projectId: project!.id, userId })))
    await recordAccess({ actor: admin, action: 'research.projectRegister', objectType: 'researchProject', objectId: project!.id, subjectId: null, purpose: 'research', outcome: 'success', ip }, tx)
    return project!
  })
}

export type ProjectSummary = Awaited<ReturnType<typeof listProjects>>[number]

/** Projects with their researchers and export counts: all of them for admins, only their own for a researcher. */
export async function listProjects({ userId, all }: { userId: string; all: boolean }, tx: DbOrTx = db) {
  const own = all ? null : (await tx.select({ id: researchProjectResearchers.projectId }).from(researchProjectResearchers).where(eq(researchProjectResearchers.userId, userId))).map((r) => r.id)
  if (own && own.length === 0) return []
  const projects = await tx
    .select()
    .from(researchProjects)
    .where(own ? inArray(researchProjects.id, own) : undefined)
    .orderBy(desc(researchProjects.createdAt))
  if (projects.length === 0) return []
  const ids = projects.map((p) => p.id)
  const members = await tx
    .select({ projectId: researchProjectResearchers.projectId, name: users.displayName })
    .from(researchProjectResearchers)
    .innerJoin(users, eq(users.id, researchProjectResearchers.userId))
    .where(inArray(researchProjectResearchers.projectId, ids))
  const exports = await tx
    .select({ id: researchExports.id, projectId: researchExports.projectId, format: researchExports.format, storyCount: researchExports.storyCount, createdAt: researchExports.createdAt })
    .from(researchExports)
    .where(inArray(researchExports.projectId, ids))
    .orderBy(desc(researchExports.createdAt))
  return projects.map(({ pseudonymSalt: _, ...p }) => ({
    ...p,
    active: isProjectActive(p),
    researchers: members.filter((m) => m.projectId === p.id).map((m) => m.name),
    exports: exports.filter((e) => e.projectId === p.id),
  }))
}

/**
 * The project a researcher may export for now. Not listed on it → 404 (its existence does not
 * leak); listed but not active (ended, no ethics reference or agreement) → 403.
 */
export async function requireExportableProject({ userId, projectId }: { userId: string; projectId: string }, tx: DbOrTx = db): Promise<ResearchProject> {
  const [row] = await tx
    .select({ project: researchProjects })
    .from(researchProjects)
    .innerJoin(researchProjectResearchers, and(eq(researchProjectResearchers.projectId, researchProjects.id), eq(researchProjectResearchers.userId, userId)))
    .where(eq(researchProjects.id, projectId))
  if (!row) throw new ResearchError('errors.notOnProject', 404)
  if (!isProjectActive(row.project)) throw new ResearchError('errors.inactive', 403)
  return row.project
}

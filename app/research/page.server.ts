import { listDeletionNotices, sweepDeletionNotices } from './notices.server'
import { listProjects } from './projects.server'

/**
 * What /beheer/onderzoek shows. Opening the page sweeps the viewer's projects for withdrawals
 * first (idempotent), so a notice is there the moment the researcher looks, job or not.
 */
export async function loadResearchPage({ userId, isAdmin }: { userId: string; isAdmin: boolean }) {
  const projects = await listProjects({ userId, all: isAdmin })
  await sweepDeletionNotices({ projectIds: projects.map((p) => p.id) })
  const notices = await listDeletionNotices({ userId, all: isAdmin })
  return {
    isAdmin,
    projects: projects.map((p) => ({
      id: p.id,
      title: p.title,
      organisation: p.organisation,
      purpose: p.purpose,
      ethicsReference: p.ethicsReference,
      dataUseAgreementOn: p.dataUseAgreementOn,
      endsOn: p.endsOn,
      active: p.active,
      researchers: p.researchers,
      exports: p.exports.slice(0, 20).map((e) => ({ id: e.id, format: e.format, storyCount: e.storyCount, createdAt: e.createdAt.toISOString() })),
    })),
    notices: notices.map((n) => ({ ...n, withdrawnAt: n.withdrawnAt.toISOString(), createdAt: n.createdAt.toISOString(), acknowledgedAt: n.acknowledgedAt?.toISOString() ?? null })),
  }
}
export type ResearchPageData = Awaited<ReturnType<typeof loadResearchPage>>

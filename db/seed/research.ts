import { randomBytes } from 'node:crypto'
import { hashPassword } from '~/auth/password.server'
import { encryptField } from '~/privacy/field-crypto.server'
import type { DbOrTx } from '../client.server'
import { totpFactors, userRoles, users } from '../schema/accounts'
import { researchProjectResearchers, researchProjects } from '../schema/research'

/**
 * A demo researcher and one active demo project, for development and the end-to-end tests only
 * (never seeded in production, like every demo account). The researcher adds a passkey on first
 * sign-in (the role requires one); the TOTP secret is public on purpose.
 */
export const RESEARCHER_DEMO = {
  email: 'onderzoeker@demo.local',
  password: 'herinnering-onderzoeker-demo',
  displayName: 'Demo onderzoeker',
  totpSecret: 'ONSWG4TFORXXEZDFNVXWI2LONZSWC4TC',
} as const

export async function seedResearchDemo(tx: DbOrTx, { adminId }: { adminId?: string } = {}) {
  const [researcher] = await tx
    .insert(users)
    .values({ email: RESEARCHER_DEMO.email, emailVerifiedAt: new Date(), passwordHash: await hashPassword(RESEARCHER_DEMO.password), displayName: RESEARCHER_DEMO.displayName, kind: 'staff' })
    .returning({ id: users.id })
  await tx.insert(userRoles).values({ userId: researcher!.id, role: 'researcher' })
  await tx.insert(totpFactors).values({ userId: researcher!.id, secretEncrypted: encryptField(RESEARCHER_DEMO.totpSecret), confirmedAt: new Date() })
  const [project] = await tx
    .insert(researchProjects)
    .values({
      title: 'Geweld in de jeugdzorg 1945-2019 (demo)',
      organisation: 'Demo-universiteit',
      purpose: 'Begrijpen hoe geweld in de jeugdzorg kon gebeuren en wat er beter moet.',
      ethicsReference: 'DEMO-METC-2026-01',
      dataUseAgreementOn: '2026-12-01',
      endsOn: '2028-12-31',
      pseudonymSalt: randomBytes(32).toString('base64url'),
      createdBy: adminId ?? null,
    })
    .returning({ id: researchProjects.id })
  await tx.insert(researchProjectResearchers).values({ projectId: project!.id, userId: researcher!.id })
}

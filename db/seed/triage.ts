import { hashPassword } from '~/auth/password.server'
import { encryptField } from '~/privacy/field-crypto.server'
import type { DbOrTx } from '../client.server'
import { totpFactors, userRoles, users } from '../schema/accounts'
import { helpMessages, helpRequestEvents, helpRequests } from '../schema/triage'

/**
 * A second triage worker, for development and the end-to-end tests only (never seeded in
 * production, like every demo account): it shows that one worker cannot read another's
 * notes without taking the request over. The TOTP secret is public on purpose.
 */
export const SECOND_TRIAGE_DEMO = {
  email: 'triage2@demo.local',
  password: 'herinnering-triage2-demo',
  displayName: 'Noor (demo)',
  totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
} as const

/** Demo help requests for development: one of the demo survivor in contact, one guest request waiting. */
export async function seedTriageDemo(tx: DbOrTx, { survivorId, triageId }: { survivorId: string; triageId: string }) {
  const [second] = await tx
    .insert(users)
    .values({
      email: SECOND_TRIAGE_DEMO.email,
      emailVerifiedAt: new Date(),
      passwordHash: await hashPassword(SECOND_TRIAGE_DEMO.password),
      displayName: SECOND_TRIAGE_DEMO.displayName,
      kind: 'staff',
    })
    .returning({ id: users.id })
  await tx.insert(userRoles).values({ userId: second!.id, role: 'triage' })
  await tx.insert(totpFactors).values({ userId: second!.id, secretEncrypted: encryptField(SECOND_TRIAGE_DEMO.totpSecret), confirmedAt: new Date() })

  const threeDaysAgo = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000)
  const [own] = await tx
    .insert(helpRequests)
    .values({
      userId: survivorId,
      subjectRef: survivorId,
      status: 'inContact',
      needs: ['someoneToTalkTo', 'schemeHelp'],
      contactChannel: 'portal',
      contactEncrypted: encryptField(JSON.stringify({ safeTimes: 'Doordeweeks na 19 uur' })),
      language: 'nl',
      setting: 'residentialGroup',
      decade: '1970s',
      region: 'utrecht',
      contactPersonId: triageId,
      takenAt: threeDaysAgo,
      firstContactAt: new Date(threeDaysAgo.getTime() + 5 * 60 * 60 * 1000),
      createdAt: threeDaysAgo,
    })
    .returning({ id: helpRequests.id })
  await tx.insert(helpRequestEvents).values([
    { requestId: own!.id, kind: 'created', actorId: survivorId, occurredAt: threeDaysAgo },
    { requestId: own!.id, kind: 'taken', actorId: triageId, occurredAt: new Date(threeDaysAgo.getTime() + 60 * 60 * 1000) },
    { requestId: own!.id, kind: 'firstContact', actorId: triageId, occurredAt: new Date(threeDaysAgo.getTime() + 5 * 60 * 60 * 1000) },
  ])
  await tx.insert(helpMessages).values({
    requestId: own!.id,
    fromSurvivor: false,
    senderId: triageId,
    bodyEncrypted: encryptField('Hallo, ik ben je vaste contactpersoon. Wanneer schikt het om even te praten? (Dit is een voorbeeldbericht.)'),
    createdAt: new Date(threeDaysAgo.getTime() + 5 * 60 * 60 * 1000),
  })

  const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000)
  const [guest] = await tx
    .insert(helpRequests)
    .values({
      userId: null,
      subjectRef: 'guest_demoDemoDemoDemoDemo12',
      needs: ['peerContact'],
      contactChannel: 'phone',
      contactEncrypted: encryptField(JSON.stringify({ phone: '+31612345678', safeTimes: 'Tussen 10 en 12 uur', neutralName: 'Mirjam' })),
      voicemailAllowed: false,
      language: 'nl',
      interpreter: 'signLanguage',
      setting: 'blindOrDeafInstitution',
      createdAt: yesterday,
    })
    .returning({ id: helpRequests.id })
  await tx.insert(helpRequestEvents).values({ requestId: guest!.id, kind: 'created', occurredAt: yesterday })
}

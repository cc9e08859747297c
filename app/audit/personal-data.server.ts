import { registerPersonalData } from '~/privacy/data-registry.server'
import { listAccessesToSubject, listOwnActivity } from './audit.server'

// Exported: who (by role) accessed data about the person, as on their account page, and
// what the person did themselves (sign-ins and the like). Not erased: the access log must
// show who touched sensitive data, also after an account is gone (GDPR art. 5(2) and 32,
// ASVS logging). It holds ids and actions, never content.
registerPersonalData({
  name: 'accessLog',
  tables: ['audit_log'],
  exportFor: async ({ userId, tx }) => ({
    accessesByOthers: await listAccessesToSubject({ subjectId: userId }, tx),
    ownActivity: await listOwnActivity({ userId }, tx),
  }),
  eraseFor: async () => ({ kept: 'privacy:kept.accessLog' }),
})

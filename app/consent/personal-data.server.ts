import { registerPersonalData } from '~/privacy/data-registry.server'
import { listConsentHistory } from './consent.server'

// Exported: every consent given and withdrawn, with the text version shown. Not erased:
// the ledger is the proof that data was only used with consent (GDPR art. 7(1)); it holds
// references and purposes, never the content itself.
registerPersonalData({
  name: 'consent',
  tables: ['consent_events'],
  exportFor: ({ userId, tx }) => listConsentHistory({ subjectRef: userId }, tx),
  eraseFor: async () => ({ kept: 'privacy:kept.consentLedger' }),
})

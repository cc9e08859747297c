import type { Role } from '../../app/auth/roles'

/**
 * Demo sign-ins for development and the end-to-end tests only; never seeded when
 * APP_ENV=production. Staff have an authenticator app enrolled with the secret below
 * (add it to any authenticator app); assessors and admins add a passkey on first sign-in.
 */
export const DEMO_ACCOUNTS: Array<{ role: Role; email: string; password: string; displayName: string; totpSecret?: string }> = [
  { role: 'survivor', email: 'overlevende@demo.local', password: 'herinnering-overlevende-demo', displayName: 'Sanne (demo)' },
  { role: 'moderator', email: 'moderator@demo.local', password: 'herinnering-moderator-demo', displayName: 'Demo moderator', totpSecret: 'KRSXG5CTMVRXEZLUKN2XAZLSONQWM5DF' },
  { role: 'triage', email: 'triage@demo.local', password: 'herinnering-triage-demo', displayName: 'Demo triage', totpSecret: 'ORUWC2DFMVZXI4TJMFTWKZDFNVXQ2A3D' },
  { role: 'assessor', email: 'beoordelaar@demo.local', password: 'herinnering-beoordelaar-demo', displayName: 'Demo beoordelaar', totpSecret: 'MFZXGZLTONXXEZDFNVXWI2LONZSWC4TB' },
  { role: 'archivist', email: 'archivaris@demo.local', password: 'herinnering-archivaris-demo', displayName: 'Demo archivaris', totpSecret: 'MFZGG2DJOZQXE2LTMRSW233EMVWW6ZDF' },
  { role: 'curator', email: 'samensteller@demo.local', password: 'herinnering-samensteller-demo', displayName: 'Demo samensteller', totpSecret: 'BHC3R53RZUWSGCLZXVXQTCKDDWUJY6QS' },
  { role: 'sounding_board', email: 'klankbord1@demo.local', password: 'herinnering-klankbord1-demo', displayName: 'Demo klankbordlid 1', totpSecret: 'OM57N5QN6E3M2AT4WVLJTANLJQIICKFS' },
  { role: 'sounding_board', email: 'klankbord2@demo.local', password: 'herinnering-klankbord2-demo', displayName: 'Demo klankbordlid 2', totpSecret: 'HGL4XKF27AGLMBHTBBXAM7ABM7BRPPTT' },
  { role: 'interviewer', email: 'interviewer@demo.local', password: 'herinnering-interviewer-demo', displayName: 'Demo interviewer', totpSecret: 'T7BT3FD3UKEUJPKGOPTBFIICRYHRGAKD' },
  { role: 'intake', email: 'intake@demo.local', password: 'herinnering-intake-demo', displayName: 'Demo intake', totpSecret: 'SEVJJOURVMY5RFR3KCYNMZVB7OMSVOEY' },
  { role: 'admin', email: 'beheerder@demo.local', password: 'herinnering-beheerder-demo', displayName: 'Demo beheerder', totpSecret: 'MFSG22LOMVZXI4TBORXXEZDFNVXWI3TF' },
]

import { declareNotPersonal } from '~/privacy/data-registry.server'

declareNotPersonal({
  table: 'directory_entries',
  reason: 'public directory of organisations (names, services, contact channels of organisations, not of people)',
})

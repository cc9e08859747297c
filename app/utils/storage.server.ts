import { getStorage } from '@storage/index'
import { getEnv } from './env.server'

/** The portal's bucket, configured from the environment. */
export const storage = getStorage(getEnv())

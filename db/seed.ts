// `npm run db:seed`: fills an empty database with demo content (development only).
import { prepareRuntime } from '../server/runtime'

const runtime = await prepareRuntime({ log: (m) => console.log(m) })
const { seedIfEmpty, seedReferenceData } = await import('./seed-runner')
await seedReferenceData()
const result = await seedIfEmpty({ printCredentials: runtime.env.APP_ENV === 'development' })
if (!result.seeded) console.log('database is not empty; nothing seeded')
await (await import('./client.server')).closeDb()
await runtime.stop()

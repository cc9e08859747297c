// `npm run db:migrate`: applies migrations to DATABASE_URL, or to the embedded database.
import { prepareRuntime } from '../server/runtime'

const runtime = await prepareRuntime({ log: (m) => console.log(m) })
await runtime.stop()

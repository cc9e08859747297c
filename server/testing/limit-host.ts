// A test fixture: one process with the portal's general request limits on the shared store,
// answering 200 to whatever passes them. server/shared-limits.test.ts starts two of these on one
// database to show that the limit holds across processes.
import express from 'express'
// The portal's own client (drizzle changes its timestamp parsing), as in server/app.ts.
import { sql } from '../../db/client.server'
import { rateLimits } from '../security'
import { PostgresLimitStore } from '../shared-limits'

const app = express()
app.use(
  ...rateLimits({ reads: Number(process.env.READS), writes: Number(process.env.WRITES) }, (tier) =>
    new PostgresLimitStore({ sql, name: tier, secret: 'fixture-secret' }),
  ),
)
app.all('*', (_req, res) => void res.send(`ok from ${process.pid}`))
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'))
process.on('SIGTERM', () => {
  server.close()
  void sql.end().then(() => process.exit(0))
})

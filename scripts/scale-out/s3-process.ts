// The soak's S3-compatible server in a process of its own: s3rver on <dir> <port> <bucket>.
import { startEmbeddedS3 } from '../../storage/embedded-server'

const [directory, port, bucket] = process.argv.slice(2)
const s3 = await startEmbeddedS3({ directory: directory!, port: Number(port), buckets: [bucket!] })
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void s3.stop().then(() => process.exit(0)))

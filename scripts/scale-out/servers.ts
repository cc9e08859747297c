// The standalone servers of the scale-out soak (ADR 0028): PostgreSQL (the project's own
// binaries, as a server of their own), an S3-compatible server in its own process, an SMTP
// sink that counts deliveries, and haproxy (Debian's, installed when missing) in front.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'

export const PORTS = { lb: 3280, portals: [3281, 3282, 3283], pg: 3290, s3: 3291, smtp: 3292 } as const

export async function waitFor(check: () => Promise<boolean>, what: string, seconds = 120) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await check().catch(() => false)) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${what} did not come up in ${seconds} s`)
}

export const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)))
    socket.on('error', () => resolve(false))
  })

export async function startPostgres(dir: string) {
  // A devDependency: the soak is a development tool, never part of a production install.
  const { startEmbeddedPostgres } = await import('../../db/embedded')
  const pg = await startEmbeddedPostgres({ databaseDir: path.join(dir, 'pg'), port: PORTS.pg, password: 'scale-out-owner', database: 'portal', persistent: false })
  return pg
}

/** s3rver in a process of its own (scripts/scale-out/s3-process.ts). */
export async function startS3(dir: string, bucket: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('scripts/scale-out/s3-process.ts'), path.join(dir, 's3'), String(PORTS.s3), bucket], { stdio: ['ignore', 'ignore', 'inherit'] })
  await waitFor(() => listening(PORTS.s3), 'the S3 server', 60)
  return child
}

/** A minimal SMTP server that accepts every message and counts them: the mail job's effect. */
export function startSmtpSink() {
  const received: string[] = []
  const server = net.createServer((socket) => {
    let inData = false
    let message = ''
    let buffer = ''
    socket.write('220 sink ESMTP\r\n')
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8')
      let i
      while ((i = buffer.indexOf('\r\n')) !== -1) {
        const line = buffer.slice(0, i)
        buffer = buffer.slice(i + 2)
        if (inData) {
          if (line === '.') {
            inData = false
            received.push(message)
            message = ''
            socket.write('250 queued\r\n')
          } else message += `${line}\n`
          continue
        }
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-sink\r\n250 8BITMIME\r\n')
        else if (verb === 'DATA') {
          inData = true
          socket.write('354 go ahead\r\n')
        }
        else if (verb === 'QUIT') socket.end('221 bye\r\n')
        else socket.write('250 ok\r\n')
      }
    })
    socket.on('error', () => {})
  })
  server.listen(PORTS.smtp, '127.0.0.1')
  return { received, stop: () => new Promise<void>((r) => server.close(() => r())) }
}

export function ensureHaproxy() {
  const has = () => {
    try {
      execFileSync('haproxy', ['-v'], { stdio: 'ignore' })
      return true
    } catch {
      return existsSync('/usr/sbin/haproxy')
    }
  }
  if (has()) return
  console.log('installing haproxy (Debian)…')
  execFileSync('apt-get', ['install', '-y', '-qq', 'haproxy'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
}

/**
 * Round robin over the portals, health checks on /healthz, and retries that move a request
 * to another portal when its connection fails (a killed process). Only idempotent requests
 * are retried after they reached a portal (empty-response, response-timeout); POSTs only when
 * the connection itself failed, so a form is never submitted twice.
 */
export async function startHaproxy(dir: string): Promise<ChildProcess> {
  ensureHaproxy()
  const servers = PORTS.portals.map((p, i) => `  server portal${i + 1} 127.0.0.1:${p} check inter 2s fall 3 rise 2`).join('\n')
  const config = `global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout queue 30s
  # A busy portal answers /healthz slowly; only a dead one (connection refused) is taken out fast.
  timeout check 10s
  retries 3
  option redispatch
  option forwardfor
frontend web
  bind 127.0.0.1:${PORTS.lb}
  default_backend portals
backend portals
  balance roundrobin
  option httpchk GET /healthz
  http-check expect status 200
  retry-on conn-failure empty-response response-timeout
  http-request disable-l7-retry if METH_POST
${servers}
`
  const file = path.join(dir, 'haproxy.cfg')
  await writeFile(file, config)
  const child = spawn('haproxy', ['-f', file, '-db'], { stdio: ['ignore', 'ignore', 'inherit'] })
  await waitFor(() => listening(PORTS.lb), 'haproxy', 30)
  return child
}

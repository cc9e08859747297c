// A PostgreSQL server started from a folder of binaries (e.g. Debian's /usr/lib/postgresql/15/bin),
// as its own server: for the restore drill against a server whose own pg_dump is at hand (ADR 0028).
// As root, PostgreSQL refuses to run; the binaries then run as the OS user `postgres`.
import { execFile } from 'node:child_process'
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const asRoot = process.getuid?.() === 0

async function as(binDir: string, tool: string, args: string[]) {
  const file = path.join(binDir, tool)
  return asRoot ? run('runuser', ['-u', 'postgres', '--', file, ...args]) : run(file, args)
}

export async function startStandalonePostgres({ binDir, dir, port, password, database }: { binDir: string; dir: string; port: number; password: string; database: string }) {
  const data = path.join(dir, 'pg')
  await mkdir(data, { recursive: true })
  const pwfile = path.join(dir, 'pg-password')
  await writeFile(pwfile, `${password}\n`, { mode: 0o644 })
  if (asRoot) {
    await run('chown', ['-R', 'postgres', data])
    await chmod(data, 0o700)
    await run('chown', ['postgres', pwfile])
  }
  await as(binDir, 'initdb', ['-D', data, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C.UTF-8'])
  await as(binDir, 'pg_ctl', ['-D', data, '-w', '-l', path.join(data, 'server.log'), '-o', `-p ${port} -k ${data} -c listen_addresses=127.0.0.1`, 'start'])
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`
  await run(path.join(binDir, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database], { env: { ...process.env, PGPASSWORD: password } })
  return {
    url,
    stop: async () => {
      await as(binDir, 'pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']).catch(() => {})
    },
  }
}

// A server of a browser-test part's own, beside the run's (run.mjs): on another database, under
// another host name (localhost, where the run's is 127.0.0.1), so that the two servers' session
// cookies stay apart. The map steps start one without tiles; the bought services steps one on the
// whole demo (`shequ init --demo`), which the run's database leaves out.
import { spawn, spawnSync } from 'node:child_process'
import { createWriteStream, readFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

/**
 * `shequ serve` on `database` (and the walking network `network`, if any) with the built console
 * `web`, its log and its own audit checkpoints under `tmp` by `name`, and `env` added (its own
 * personal-data keys). Resolves once it answers, with its address and how to stop it.
 */
export async function startSecondServer({ shequ, web, database, network, tmp, name, env = {} }) {
  const port = await freePort()
  const logFile = path.join(tmp, `serve-${name}.log`)
  const log = createWriteStream(logFile)
  const child = spawn(shequ, ['serve', '--database', database, ...(network ? ['--network', network] : []), '--listen', `127.0.0.1:${port}`, '--web', web], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own audit checkpoints: the two servers' chains are different chains.
    env: { ...process.env, SHEQU_AUDIT_CHECKPOINTS: path.join(tmp, `audit-${name}`, 'checkpoints.log'), ...env },
  })
  child.stdout.pipe(log)
  child.stderr.pipe(log)
  const base = `http://localhost:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the ${name} shequ serve exited with ${child.exitCode}:\n${readFileSync(logFile, 'utf8').slice(-2000)}`)
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the ${name} shequ serve did not answer within 30 s`)
    await new Promise((r) => setTimeout(r, 200))
  }
  const stop = async () => {
    child.kill('SIGTERM')
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)))
  }
  return { base, stop }
}

/**
 * A database under `tmp` made by `shequ init --demo`: the whole demo, every module's data with
 * it, and personal-data keys of its own. Returns what startSecondServer takes of it.
 */
export function makeDemoDatabase({ shequ, tmp, name }) {
  const database = `sqlite:${path.join(tmp, `${name}.db`)}`
  const env = { SHEQU_KEYS: path.join(tmp, `keys-${name}`, 'personal-data.keys') }
  const init = spawnSync(shequ, ['init', '--demo', '--database', database], { encoding: 'utf8', env: { ...process.env, ...env } })
  if (init.status !== 0) throw new Error(`shequ init --demo failed: ${init.error?.message ?? `exit ${init.status}`}\n${init.stdout ?? ''}\n${init.stderr ?? ''}`)
  return { database, env }
}

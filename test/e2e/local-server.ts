import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { serverArgs } from '@test/support/server-bundle'
import { freePort } from '../support/server-process'

export { freePort }

const ROOT = path.resolve(__dirname, '../..')

export interface LocalServer {
  url: string
  dataDir: string
  process: ChildProcess
  stop(): Promise<void>
}

/**
 * Starts the real local server (`cloud/server/main.ts`, as `npm start` does after
 * building; bundled once by `npm test`: test/support/server-bundle.ts) on a fresh data directory, serving the H5 build in dist/h5.
 */
export async function startLocalServer(env: Record<string, string> = {}): Promise<LocalServer> {
  // STATIC_DIR (in `env` or the environment) serves a copy of the build, e.g. while someone else rebuilds dist/h5.
  const staticDir = env.STATIC_DIR ?? process.env.STATIC_DIR ?? path.join(ROOT, 'dist/h5')
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error(`${staticDir} is missing: run \`npm run build:h5\` first`)
  const port = await freePort()
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bm-e2e-'))
  const child = spawn(process.execPath, serverArgs(), {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    // Only a guard against a server that never starts: under heavy load a start takes well over 20 s.
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('已启动')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${output}`))
    })
  })
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

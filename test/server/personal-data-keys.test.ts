import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DEV_KEY_FILE } from '@cloud/runtime/personal-data'
import { freePort, runServerToExit, startServer } from '../support/server-process'

jest.setTimeout(60_000)

const dirs: string[] = []
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-keys-'))
  dirs.push(dir)
  return dir
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

describe('main, personal-data keys', () => {
  describe('when production mode has no keys', () => {
    it('refuses to start and says which settings are missing', async () => {
      const dataDir = tempDir()
      const { code, stderr } = await runServerToExit({
        PII_ENC_KEY: '',
        PII_HASH_KEY: '',
        NODE_ENV: 'production',
        PORT: String(await freePort()),
        DATA_DIR: dataDir,
        STATIC_DIR: tempDir(),
      })
      expect(code).toBe(1)
      expect(stderr).toContain('PII_ENC_KEY and PII_HASH_KEY')
      // Nothing was created: neither a key file nor a database.
      expect(fs.readdirSync(dataDir)).toEqual([])
    })
  })
  describe('when production mode has both keys', () => {
    it('starts without writing a key file', async () => {
      const dataDir = tempDir()
      const server = await startServer({
        NODE_ENV: 'production',
        PORT: String(await freePort()),
        DATA_DIR: dataDir,
        STATIC_DIR: tempDir(),
        PII_ENC_KEY: Buffer.alloc(32, 3).toString('base64'),
        PII_HASH_KEY: Buffer.alloc(32, 4).toString('base64'),
      })
      await server.stop()
      expect(fs.readdirSync(dataDir)).not.toContain(DEV_KEY_FILE)
    })
  })
  describe('when dev mode has no keys', () => {
    it('generates the dev key file under the data dir', async () => {
      const dataDir = tempDir()
      const server = await startServer({ PORT: String(await freePort()), DATA_DIR: dataDir, STATIC_DIR: tempDir() })
      await server.stop()
      expect(fs.readdirSync(dataDir)).toContain(DEV_KEY_FILE)
      expect(fs.statSync(path.join(dataDir, DEV_KEY_FILE)).mode & 0o777).toBe(0o600)
    })
  })
})

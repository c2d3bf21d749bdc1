import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createSqliteStore } from '@cloud/store/sqlite/sqlite-store'
import { TEST_PII } from '@test/support/test-keys'

/** Two stores on one file: two server processes as far as SQLite is concerned (two connections). */
function twoStores() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-cache-'))
  const file = path.join(dir, 'db.sqlite')
  const a = createSqliteStore(file, { sealer: TEST_PII })
  const b = createSqliteStore(file, { seed: false, sealer: TEST_PII })
  return { a, b, close: () => (a.close(), b.close(), fs.rmSync(dir, { recursive: true, force: true })) }
}

describe('the remembered center configuration (SQLite)', () => {
  test('a change written by another connection is seen by the very next call', async () => {
    const { a, b, close } = twoStores()
    expect((await a.centers.service('lsw', 'lsw-medical-remote'))?.slotCapacity).toBeNull()
    expect((await a.centers.get('lsw'))?.name).toBe('灵山卫街道公共服务中心')
    b.db.prepare("UPDATE services SET slot_capacity = 9 WHERE id = 'lsw-medical-remote'").run()
    b.db.prepare("UPDATE centers SET name = '灵山卫街道便民服务中心' WHERE id = 'lsw'").run()
    b.db.prepare("INSERT INTO center_days (center_id, date, open, reason) VALUES ('lsw', '2026-12-01', 0, '系统升级')").run()
    expect((await a.centers.service('lsw', 'lsw-medical-remote'))?.slotCapacity).toBe(9)
    expect((await a.centers.get('lsw'))?.name).toBe('灵山卫街道便民服务中心')
    expect((await a.centers.days('lsw', '2026-11-26', '2026-12-31')).closed).toEqual({ '2026-12-01': '系统升级' })
    close()
  })

  test('a change through the configuration repo of the same store is seen at once, windows and retirements included', async () => {
    const { a, close } = twoStores()
    const before = await a.centers.windows('lsw')
    const services = (await a.centers.services('lsw')).length
    await a.config.setServiceRetired('lsw', 'lsw-medical-remote', true)
    await a.config.saveWindow({ id: 'lsw-w-new', centerId: 'lsw', number: 99, name: '新窗口' }, true)
    expect(await a.centers.service('lsw', 'lsw-medical-remote')).toBeNull()
    expect(await a.centers.services('lsw')).toHaveLength(services - 1)
    expect(await a.centers.windows('lsw')).toHaveLength(before.length + 1)
    close()
  })

  test("this connection's own write is seen by the next read of the same synchronous stretch (the number is read once per stretch)", async () => {
    const { a, close } = twoStores()
    // No await between them: one stretch, where the generation is read once and then trusted until the connection writes.
    const before = a.centers.get('lsw')
    const service = a.centers.service('lsw', 'lsw-medical-remote')
    a.db.prepare("UPDATE centers SET name = '灵山卫街道便民服务中心' WHERE id = 'lsw'").run()
    const after = a.centers.get('lsw')
    expect((await before)?.name).toBe('灵山卫街道公共服务中心')
    expect((await service)?.name).toBe('异地就医备案')
    expect((await after)?.name).toBe('灵山卫街道便民服务中心')
    close()
  })

  test('what it answers cannot be changed by a caller (it is shared until the configuration changes)', async () => {
    const { a, close } = twoStores()
    const service = await a.centers.service('lsw', 'lsw-medical-remote')
    expect(() => {
      ;(service as { name: string }).name = '别的事项'
    }).toThrow(TypeError)
    expect(() => (service!.materials as unknown[]).push({})).toThrow(TypeError)
    expect((await a.centers.service('lsw', 'lsw-medical-remote'))?.name).toBe('异地就医备案')
    close()
  })
})

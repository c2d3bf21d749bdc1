/**
 * The file-storage part of the store contract (cloud/store/port/files.ts): photos go in under keys
 * nobody can guess, come back through a URL that expires, and are gone — URL included — once removed.
 * Listed in test/store/store-contract.ts; `fetch` reads a URL the way its adapter serves it.
 */
import type { StoreAccess, StoreHarness } from '../store-contract'

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 7)])
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(200, 3)])

export function filesContract(current: StoreAccess, harness: StoreHarness): void {
  const fetch = (url: string) => harness().fetchFile(url)

  it('stores a photo and serves its bytes through a URL that expires after the given seconds', async () => {
    const key = await current().files.put('cases/c1', JPEG, 'jpeg')
    const before = Date.now()
    const link = await current().files.url(key, 300)
    expect(link).not.toBeNull()
    const expires = new Date(link!.expiresAt).getTime()
    expect(expires).toBeGreaterThanOrEqual(before + 299_000)
    expect(expires).toBeLessThanOrEqual(Date.now() + 301_000)
    expect(await fetch(link!.url)).toEqual(JPEG)
  })

  it('keeps each upload under its own unguessable key, even for the same bytes', async () => {
    const a = await current().files.put('cases/c1', PNG, 'png')
    const b = await current().files.put('cases/c1', PNG, 'png')
    expect(a).not.toBe(b)
    for (const key of [a, b]) expect(key).toMatch(/cases\/c1\/[0-9a-f]{32}\.png$/)
    expect(await fetch((await current().files.url(b, 60))!.url)).toEqual(PNG)
  })

  it('answers no URL for a key it does not hold', async () => {
    const key = await current().files.put('homecert/h1', JPEG, 'jpeg')
    expect(await current().files.url(key.replace(/[0-9a-f]{32}/, '0'.repeat(32)), 60)).toBeNull()
  })

  it('removes files for good: no new URL, and a URL handed out before reads nothing', async () => {
    const kept = await current().files.put('cases/c2', JPEG, 'jpeg')
    const gone = await current().files.put('cases/c2', PNG, 'png')
    const earlier = (await current().files.url(gone, 300))!.url
    await current().files.remove([gone])
    expect(await current().files.url(gone, 300)).toBeNull()
    expect(await fetch(earlier)).toBeNull()
    expect(await fetch((await current().files.url(kept, 60))!.url)).toEqual(JPEG)
    // A second removal (retention running twice) is no error.
    await expect(current().files.remove([gone, kept])).resolves.toBeUndefined()
    expect(await current().files.url(kept, 60)).toBeNull()
  })
}

import { pooledRandomBytes } from '@cloud/runtime/random-bytes'

describe('pooledRandomBytes', () => {
  it('hands out the asked number of bytes, never the same bytes twice, across pool refills', () => {
    // 2 000 draws of 12 bytes cross several 4 KB refills; 96-bit values repeating would mean reuse.
    const seen = new Set<string>()
    for (let i = 0; i < 2000; i++) {
      const b = pooledRandomBytes(12)
      expect(b).toHaveLength(12)
      seen.add(b.toString('hex'))
    }
    expect(seen.size).toBe(2000)
  })
  it('returns copies: changing one does not change the next', () => {
    const a = pooledRandomBytes(16)
    a.fill(0)
    expect(pooledRandomBytes(16).equals(Buffer.alloc(16))).toBe(false)
  })
  it('looks uniform: every byte value appears in 64 KB of output, none far more often than the rest', () => {
    const counts = new Array(256).fill(0)
    for (let i = 0; i < 4096; i++) for (const byte of pooledRandomBytes(16)) counts[byte]++
    // 256 expected per value; a pool stuck on zeros or reused would break these bounds.
    expect(Math.min(...counts)).toBeGreaterThan(150)
    expect(Math.max(...counts)).toBeLessThan(370)
  })
  it('serves large draws directly', () => {
    expect(pooledRandomBytes(1000)).toHaveLength(1000)
  })
})

import { idCheckChar } from '@/core/id-number'

/**
 * A valid ID number for a birth date and a sequence number (0–999), with the
 * right check character: tests need many distinct real-looking people.
 * @example idNumberFor('1980-01-01', 123) // '370211198001011237'-ish, checksum correct
 */
export function idNumberFor(birthDate: string, sequence: number, region = '370211'): string {
  const first17 = `${region}${birthDate.replace(/-/g, '')}${String(sequence % 1000).padStart(3, '0')}`
  return first17 + idCheckChar(first17)
}

/** The n-th distinct valid ID number (n up to 3.65 million): spreads people over birth dates and sequences. */
export function nthIdNumber(n: number): string {
  const day = Math.floor(n / 1000)
  const birth = new Date(Date.UTC(1950, 0, 1) + day * 86_400_000).toISOString().slice(0, 10)
  return idNumberFor(birth, n % 1000)
}

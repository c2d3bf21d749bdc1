/**
 * Booking codes a resident reads aloud at the counter or shows as a QR code.
 * The alphabet leaves out characters people confuse when reading or typing:
 * 0/O, 1/I/L, and U/V (handwriting).
 */
export const BOOKING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ'
export const BOOKING_CODE_LENGTH = 6

/**
 * A fresh code from a source of random bytes (crypto.randomBytes on the server).
 * Bytes that would bias the draw are skipped, so every character is equally likely.
 * @example bookingCode((n) => crypto.randomBytes(n)) // 'K7M4QP'
 */
export function bookingCode(randomBytes: (n: number) => Uint8Array, length: number = BOOKING_CODE_LENGTH): string {
  const size = BOOKING_CODE_ALPHABET.length
  const limit = 256 - (256 % size)
  let code = ''
  while (code.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= limit) continue
      code += BOOKING_CODE_ALPHABET[byte % size]
      if (code.length === length) break
    }
  }
  return code
}

/** Upper-cases and drops spaces/dashes a clerk may type. @example normalizeBookingCode(' k7m-4qp ') // 'K7M4QP' */
export function normalizeBookingCode(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase()
}

/** True when every character is from the alphabet and the length is right. */
export function isBookingCode(value: string): boolean {
  const code = normalizeBookingCode(value)
  return code.length === BOOKING_CODE_LENGTH && [...code].every((c) => BOOKING_CODE_ALPHABET.includes(c))
}

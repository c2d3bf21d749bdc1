import { createHash } from 'node:crypto'
import { bookingCode } from '@/core/booking-code'
import { pooledRandomBytes } from '@cloud/runtime/random-bytes'

const derived = (prefix: string, openid: string, requestId: string) =>
  prefix + createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 30)

/** Same caller + same request id → same booking id, so a retry finds its first result by key in any store. */
export const bookingIdFor = (openid: string, requestId: string): string => derived('bk', openid, requestId)

/** Same caller + same request id → same 候补 entry id (a retried join meets its first entry). */
export const waitEntryIdFor = (openid: string, requestId: string): string => derived('wl', openid, requestId)

/** A new booking code (the store asks again if one is taken). */
export const newCode = () => bookingCode(pooledRandomBytes)

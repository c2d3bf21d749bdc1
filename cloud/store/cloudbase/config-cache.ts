/**
 * The centers' configuration (and staff roles) remembered by a function instance, checked against one generation
 * document.
 *
 * Why: every booking, availability and queue call reads the center, its services, windows and own days and the
 * district's arrangements, and on CloudBase each read is a round trip counted against the environment's quota
 * (docs/benchmarks.md, "Database requests per action"). They change a few times a year. So an instance keeps what it
 * read, and each function call asks ONE question first — the number in `config_generation/config`, which every
 * configuration write moves in the same transaction as the write itself — and forgets everything when it moved.
 * Staff roles ride along (every staff action and the hall board read them; role writes move the generation too).
 * A closure, a capacity, opening hours or a service changed by any instance is seen by the very next call of every
 * other instance (the store contract suite holds this on both adapters, test/store/contract/config-cache.ts).
 *
 * What this does not weaken:
 * - The move is inside the write's transaction: a write is never visible without its move (a crash between the two
 *   would otherwise leave an instance serving the old closure forever).
 * - Within one call (`inCall`, opened by dispatch for every action) the generation is read once; outside a call
 *   (jobs, scripts) it is read before every remembered answer. One action alone, the hall board (`queue.display`, asked
 *   every second by each hall screen), takes a generation read in the last BOARD_CONFIG_MAX_AGE_MS as checked
 *   (cloud/functions/queue/index.ts): its board document is read fresh every time; a renamed window or a revoked clerk
 *   shows there within that time. Nothing it answers books, checks in or reveals what the hall screen does not show.
 * - An instance that writes configuration forgets at once, so the same call reads its own write back.
 * - An entry is kept at most MAX_AGE_MS whatever the generation says: a document edited by hand in the CloudBase
 *   console moves nothing, and is picked up within that time (docs/deploy-cloudbase.md says to avoid it).
 * Answers are frozen: every caller shares them until the configuration changes.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { DbApi, TransactionApi } from './db-api'
import { getOrNull, inTransaction } from './doc-helpers'

/** `config_generation/config` → `{ n }`: moved by every configuration write (none yet: 0). */
export const GENERATION_COLLECTIONS = { generation: 'config_generation' } as const
export const GENERATION = { collection: GENERATION_COLLECTIONS.generation, id: 'config' } as const
type GenerationDoc = { _id: string; n: number }

/** A hand edit in the console is seen within this time; everything else at the next call. */
export const MAX_AGE_MS = 5 * 60_000
/** Keys are (center, service) pairs and day ranges, a few per center per day: a bound a warm instance never outgrows. */
const MAX_ENTRIES = 5000

export interface ConfigCache {
  /** The answer remembered under `key` while the generation stays where it was, else `load()`'s (then remembered). */
  remembered<T>(key: string, load: () => Promise<T>): Promise<T>
  /**
   * Runs one function call: its remembered reads share one read of the generation, or none when the generation was
   * read less than `configMaxAgeMs` ago (by any call of this instance).
   */
  inCall<R>(run: () => Promise<R>, options?: { configMaxAgeMs?: number }): Promise<R>
  /** A configuration write with the generation moved in its own transaction; this instance forgets at once. */
  write<R>(edit: (tx: TransactionApi) => Promise<R>): Promise<R>
}

/** Moves the generation inside `tx`, a configuration write's transaction (`ConfigCache.write` or a repo's own). */
export async function moveGeneration(tx: TransactionApi): Promise<void> {
  const ref = tx.collection<GenerationDoc>(GENERATION.collection).doc(GENERATION.id)
  const n = (await getOrNull(ref))?.n ?? 0
  await ref.set({ data: { n: n + 1 } })
}

/** Freezes a remembered answer all the way down, so no caller can change what the next one gets. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

export function configCache(db: DbApi): ConfigCache {
  const calls = new AsyncLocalStorage<{ generation?: Promise<number>; maxAgeMs?: number }>()
  const entries = new Map<string, { value: Promise<unknown>; at: number }>()
  let generation: number | null = null
  /** When the generation last read was asked for. */
  let checkedAt = 0

  const readGeneration = async () => {
    const asked = Date.now()
    const n = (await getOrNull(db.collection<GenerationDoc>(GENERATION.collection).doc(GENERATION.id)))?.n ?? 0
    checkedAt = asked
    return n
  }
  /** The generation for this call: read once per call, or taken as checked when a call allows it and it is recent. */
  const generationFor = (call: { generation?: Promise<number>; maxAgeMs?: number } | undefined) => {
    if (!call) return readGeneration()
    if (call.generation === undefined && call.maxAgeMs && generation !== null && Date.now() - checkedAt < call.maxAgeMs)
      call.generation = Promise.resolve(generation)
    return (call.generation ??= readGeneration())
  }
  const forget = () => {
    entries.clear()
    generation = null
    const call = calls.getStore()
    if (call) call.generation = undefined
  }

  return {
    async remembered<T>(key: string, load: () => Promise<T>): Promise<T> {
      const n = await generationFor(calls.getStore())
      if (n !== generation) {
        entries.clear()
        generation = n
      }
      const hit = entries.get(key)
      if (hit && Date.now() - hit.at < MAX_AGE_MS) return hit.value as Promise<T>
      if (entries.size >= MAX_ENTRIES) entries.clear()
      const value = load().then(deepFreeze)
      entries.set(key, { value, at: Date.now() })
      // A failed read is not remembered: the next call asks again.
      value.catch(() => entries.get(key)?.value === value && entries.delete(key))
      return value
    },
    inCall: (run, options) => calls.run({ maxAgeMs: options?.configMaxAgeMs }, run),
    async write(edit) {
      try {
        return await inTransaction(db, async (tx) => {
          const result = await edit(tx)
          await moveGeneration(tx)
          return result
        })
      } finally {
        forget()
      }
    },
  }
}

import type { Db } from './open-database'

interface Pending<A extends unknown[], R> {
  args: A
  resolve: (value: R) => void
  reject: (reason: unknown) => void
}

/**
 * Group commit: the calls of `work` that arrive in one turn of the event loop
 * run in one `BEGIN IMMEDIATE` transaction, each inside its own savepoint, and
 * are answered after the shared COMMIT.
 *
 * Why: a commit writes the transaction's dirty pages to the WAL, and on this
 * store that is most of a booking's cost (~160 µs of ~250). Under load many
 * creates arrive together; sharing one commit makes each cheaper without
 * weakening anything:
 * - every call still sees the writes of the calls before it (one connection,
 *   one transaction), so capacity and per-person checks stay exact, and the
 *   write lock is held from the first check to the commit, as before, so a
 *   second process cannot interleave;
 * - a call that throws rolls back its own savepoint only; its caller gets the
 *   error, the others are unaffected;
 * - nobody is answered before the commit that holds their write, so an
 *   acknowledged booking is as durable as one committed alone. If the COMMIT
 *   itself fails, every call of the group gets that error and nothing is kept.
 * A lone call waits one `setImmediate` (microseconds) for company.
 *
 * The savepoints are taken only when needed: a group first runs without them (a savepoint pair and the journal copy
 * of every page a call touches cost ~4 µs per create, ~6 % of the store's part); if any call throws, that whole
 * transaction is rolled back and the group runs again, each call in its savepoint, as above. So `work` must have no
 * effect outside the database: it may run twice for a group in which a call throws (rare: refusals are answers, not
 * throws). Nobody is answered from the first run.
 */
export function groupCommit<A extends unknown[], R>(db: Db, work: (...args: A) => R): (...args: A) => Promise<R> {
  // Nested inside the group's transaction, a better-sqlite3 transaction function is a savepoint.
  const one = db.transaction(work)
  let queue: Pending<A, R>[] = []

  /** Thrown out of the savepoint-free run when a call threw: the whole transaction rolls back, the group runs again. */
  const CALL_THREW = Symbol('a call threw')
  const runPlain = db.transaction((group: Pending<A, R>[]): R[] => {
    const values: R[] = []
    for (const call of group) {
      try {
        values.push(work(...call.args))
      } catch {
        throw CALL_THREW
      }
    }
    return values
  })

  const runInSavepoints = db.transaction((group: Pending<A, R>[]) => {
    const outcomes: ({ ok: true; value: R } | { ok: false; error: unknown })[] = []
    for (const call of group) {
      try {
        outcomes.push({ ok: true, value: one(...call.args) })
      } catch (error) {
        outcomes.push({ ok: false, error })
      }
    }
    return outcomes
  })

  function flush() {
    const group = queue
    queue = []
    let outcomes: ReturnType<typeof runInSavepoints>
    try {
      outcomes = runPlain.immediate(group).map((value) => ({ ok: true as const, value }))
    } catch (error) {
      try {
        // Not a call's error (BEGIN or the COMMIT failed): every call of the group gets it, nothing was kept.
        if (error !== CALL_THREW) throw error
        outcomes = runInSavepoints.immediate(group)
      } catch (error) {
        for (const call of group) call.reject(error)
        return
      }
    }
    group.forEach((call, i) => {
      const outcome = outcomes[i]
      if (outcome.ok) call.resolve(outcome.value)
      else call.reject(outcome.error)
    })
  }

  return (...args: A) =>
    new Promise<R>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush)
      queue.push({ args, resolve, reject })
    })
}

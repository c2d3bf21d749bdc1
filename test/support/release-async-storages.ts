/**
 * Run first in every backend and pages test file (jest.config.js `setupFiles`): releases the AsyncLocalStorage
 * instances the earlier files of this jest worker left enabled.
 *
 * Why: on Node 20 every enabled AsyncLocalStorage is visited at the creation of every promise and async resource
 * (async_hooks' `_propagate`), and an instance stays enabled, and reachable, until `disable()` is called on it. jest-circus
 * makes one per test file (its test execution context, loaded into each file's own module registry) and never
 * disables it, and each CloudBase store makes one (its configuration cache's call scope); so the list grew by a
 * hundred and more in each worker, and every promise of a late file paid for all of them (measured: 18 of 199 CPU s of
 * the `node` project run in one process, in `_propagate`). A worker runs one file at a time, so when a file starts,
 * the instances enabled before it belong to files that have ended: disabling them changes nothing any test sees.
 * The instances are noted as they are first used (`run`, `enterWith`), in one list per process: the module is loaded
 * afresh into each file's registry, but `node:async_hooks` and its prototype are the process's own.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

type Storage = AsyncLocalStorage<unknown>
type Noted = typeof AsyncLocalStorage.prototype & { [ENABLED]?: Set<Storage> }

/** Where the list lives: on the prototype, shared by every file's registry (Symbol.for is one symbol per process). */
const ENABLED = Symbol.for('bianmin.test.enabledAsyncStorages')

/** The process's list of instances used since the last release, noting them from now on if not yet. */
export function enabledStorages(): Set<Storage> {
  const proto = AsyncLocalStorage.prototype as Noted
  let enabled = proto[ENABLED]
  if (!enabled) {
    const noted = new Set<Storage>()
    const { run, enterWith } = proto
    proto.run = function (this: Storage, ...args: Parameters<Storage['run']>) {
      noted.add(this)
      return run.apply(this, args)
    } as Storage['run']
    proto.enterWith = function (this: Storage, store: unknown) {
      noted.add(this)
      enterWith.call(this, store)
    }
    Object.defineProperty(proto, ENABLED, { value: noted })
    enabled = noted
  }
  return enabled
}

/** Disables every instance used since the last release (a later `run` enables one again, as Node does). */
export function releaseStorages(): void {
  const enabled = enabledStorages()
  for (const storage of enabled) storage.disable()
  enabled.clear()
}

releaseStorages()

/**
 * Which of the store's area repos a cloud function uses. Every function declares them (`defineFunction`'s `uses`):
 * - dispatch hands each call a view of the store in which every other area repo refuses, loudly, so a call that reaches
 *   an undeclared repo fails in every test that makes it, locally as on CloudBase;
 * - npm run build:cloud leaves the undeclared repos' code out of the function's bundle (scripts/build-cloud.ts), which
 *   is what keeps each bundle under the 150 KB cold-start limit as the areas grow.
 * The shared repos (centers, calendar, staff, messages, audit, people, files) are every function's: nearly every call
 * reads the center, its calendar or a role, and other repos are built on messages and people.
 */
import type { Store } from '@cloud/store/port'

export const AREA_REPOS = ['bookings', 'waitlist', 'queue', 'homecert', 'cases', 'config', 'staffAdmin', 'stats', 'ratings'] as const
export type AreaRepo = (typeof AREA_REPOS)[number]

/** An area repo a function did not declare: any method answers with an error naming the repo and the function. */
export function refusingRepo(repo: string, fn: string): object {
  return new Proxy(
    {},
    {
      // Not `then`: a repo handed to `await` (or Promise.resolve) must not look like a promise.
      get: (_, key) =>
        typeof key === 'string' && key !== 'then'
          ? () => Promise.reject(new Error(`${repo}.${key} is not in the ${fn} function (declare it in its uses)`))
          : undefined,
    },
  )
}

const views = new WeakMap<Store, Map<string, Store>>()

/** The store as function `fn` sees it: its declared area repos, the shared ones, and refusing ones for the rest (made once per store). */
export function storeFor(store: Store, fn: string, uses: readonly AreaRepo[]): Store {
  let byFn = views.get(store)
  if (!byFn) views.set(store, (byFn = new Map()))
  let view = byFn.get(fn)
  if (!view) {
    // The store stays the prototype: its other members (inCall, close, a SQLite store's own) read through.
    view = Object.create(store) as Store
    for (const repo of AREA_REPOS) if (!uses.includes(repo)) Object.defineProperty(view, repo, { value: refusingRepo(repo, fn) })
    byFn.set(fn, view)
  }
  return view
}

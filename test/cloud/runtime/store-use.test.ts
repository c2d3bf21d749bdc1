import { AREA_REPOS, refusingRepo, storeFor } from '@cloud/runtime/store-use'
import type { Store } from '@cloud/store/port'

/** A store whose repos are plain markers: what the view keeps is seen by identity. */
function markerStore(): Store {
  const store: Record<string, unknown> = { close: () => {}, inCall: (run: () => unknown) => run() }
  for (const repo of [...AREA_REPOS, 'centers', 'calendar', 'staff', 'messages', 'audit', 'people', 'files']) store[repo] = { repo }
  return store as unknown as Store
}

describe('storeFor', () => {
  it('keeps the declared area repos and the shared ones; the others refuse, naming repo and function', async () => {
    const store = markerStore()
    const view = storeFor(store, 'delegation', ['cases', 'ratings'])
    expect(view.cases).toBe(store.cases)
    expect(view.ratings).toBe(store.ratings)
    expect(view.centers).toBe(store.centers)
    expect(view.people).toBe(store.people)
    expect(view.inCall).toBe(store.inCall)
    await expect(view.bookings.get('b1')).rejects.toThrow('bookings.get is not in the delegation function')
    await expect(view.queue.openTickets('lsw', '2026-12-01')).rejects.toThrow('queue.openTickets is not in the delegation function')
  })
  it('makes one view per store and function', () => {
    const store = markerStore()
    expect(storeFor(store, 'queue', ['queue'])).toBe(storeFor(store, 'queue', ['queue']))
    expect(storeFor(store, 'queue', ['queue'])).not.toBe(storeFor(store, 'booking', ['bookings']))
    expect(storeFor(markerStore(), 'queue', ['queue'])).not.toBe(storeFor(store, 'queue', ['queue']))
  })
  it('a refusing repo does not look like a promise (awaiting it answers it)', async () => {
    const repo = refusingRepo('stats', 'people') as { then?: unknown }
    expect(repo.then).toBeUndefined()
    await expect(Promise.resolve(repo)).resolves.toBe(repo)
  })
})

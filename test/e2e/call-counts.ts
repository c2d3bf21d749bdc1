import type { Page } from 'playwright-core'

/**
 * One function call per first screen (issue 21, point 1): the calls to /api a page makes from its opening until its
 * first screen shows (and after, for late ones). On WeChat each is a round trip to the cloud, 100–300 ms on a phone
 * network. The accessibility e2e counts them on its own page loads (test/e2e/accessibility.e2e.test.ts: every
 * resident and family page, opened fresh as the person who uses it) and prints the table of docs/benchmarks.md.
 */

/**
 * Pages that make more than one call, with how many and why: the test fails when one makes more, or fewer. Every
 * other page makes one at most (a form with nothing to load, none). None since the booking page's 签到取号 entry came
 * with booking.get and the check-in page of a booking checked in already hands its ticket to the ticket page.
 */
export const STILL_MORE_THAN_ONE: Record<string, { calls: number; why: string }> = {}

/**
 * A call that starts this long after every earlier one was answered is a live page's refresh (the ticket page asks
 * every second), not part of its first screen: a chained read, or a page asking twice on opening, follows an answer
 * at once. Without this a loaded machine, showing the first screen late, counted the ticket page's first refresh.
 */
export const REFRESH_GAP_MS = 900

/**
 * How long the count goes on after the first screen shows at least: a call that follows the first answer (a chained
 * read) comes within a moment. The accessibility e2e's checks of the page take longer than this; `callsSoFar` waits
 * out the rest.
 */
export const AFTER_READY_MS = 800

export interface CallCount {
  /** The calls counted so far, as `function.action` (or the path of a GET). */
  calls: string[]
  /** Marks the moment the first screen showed. */
  ready(): void
  /** The calls of the first screen: waits until AFTER_READY_MS have passed since `ready`, then stops counting. */
  callsSoFar(): Promise<string[]>
}

/** Starts counting the /api calls `page` makes (before it opens the page). */
export function countCalls(page: Page): CallCount {
  const calls: string[] = []
  // When the last answer came: a call that starts a poll interval after it is a live page's refresh.
  let lastAnswerAt = 0
  let open = 0
  let readyAt = 0
  const onRequest = (r: { url(): string; postDataJSON(): unknown }) => {
    const url = new URL(r.url())
    if (!url.pathname.startsWith('/api/')) return
    const action = (r.postDataJSON() as { action?: string } | null)?.action
    const refresh = open === 0 && lastAnswerAt > 0 && Date.now() - lastAnswerAt >= REFRESH_GAP_MS
    open++
    if (!refresh) calls.push(action ? `${url.pathname.slice(5)}.${action}` : url.pathname)
  }
  const answered = (r: { url(): string }) => {
    if (!new URL(r.url()).pathname.startsWith('/api/')) return
    open--
    lastAnswerAt = Date.now()
  }
  page.on('request', onRequest)
  page.on('requestfinished', answered)
  page.on('requestfailed', answered)
  return {
    calls,
    ready: () => void (readyAt = Date.now()),
    async callsSoFar() {
      const left = readyAt + AFTER_READY_MS - Date.now()
      if (left > 0) await page.waitForTimeout(left)
      page.off('request', onRequest)
      page.off('requestfinished', answered)
      page.off('requestfailed', answered)
      return [...calls]
    },
  }
}

import path from 'node:path'

/**
 * How long a browser may keep a file of the H5 build (dist/h5) without asking again. The build names its scripts and
 * styles after their content (`js/app.616e4514.js`, config/index.ts `output`): such a name never holds other bytes, so
 * a browser keeps it a year and never revalidates it — on a slow phone network each revalidation is a round trip
 * before the page can start. index.html names the current files: it is always revalidated (`no-cache`: an unchanged
 * one costs a 304), so a new build reaches everyone on their next visit.
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable'
export const REVALIDATE = 'no-cache'

/** A file name carrying a content hash of eight or more hex digits before its extension. */
const HASHED = /\.[0-9a-f]{8,}\.(?:js|css)$/

/**
 * The `Cache-Control` of the build file at `filePath`.
 * @example cacheControlFor('/srv/h5/js/app.616e4514.js') // 'public, max-age=31536000, immutable'
 * @example cacheControlFor('/srv/h5/index.html') // 'no-cache'
 */
export function cacheControlFor(filePath: string): string {
  return HASHED.test(path.basename(filePath)) ? IMMUTABLE : REVALIDATE
}

/** The largest photo one upload may carry (decoded bytes): one image per call keeps each request under the 64 KB body limit. Case photos and home-certification evidence alike. */
export const CASE_PHOTO_MAX_BYTES = 44 * 1024

/** How long a photo's URL works (seconds): long enough to look at a case, short enough that a copied link soon reads nothing. */
export const PHOTO_URL_SECONDS = 10 * 60

/** A slot counter's `_id`: `<serviceId>_<date>_<hhmm>` (no colon: only letters, digits, `-` and `_` in ids). */
export const slotId = (serviceId: string, date: string, start: string) => `${serviceId}_${date}_${start.replace(':', '')}`

/**
 * A center's rules of any area: its stored overrides over the defaults — the one merge, for the
 * booking, queue and home-certification rules alike. Only keys the defaults have are taken, and only
 * values of the default's type (a finite number for a number): a stored null, a number kept as text,
 * a key an older version wrote are all left out, so a bad stored value falls back to the default
 * instead of reaching a rule.
 * @example withOverrides({ minAge: 80, maxWindows: 3 }, { minAge: 75 }) // { minAge: 75, maxWindows: 3 }
 * @example withOverrides({ minAge: 80 }, { minAge: null }) // { minAge: 80 }
 */
export function withOverrides<T extends object>(defaults: T, overrides: Partial<T> | null | undefined): T {
  const rules = { ...defaults }
  if (!overrides) return rules
  for (const key of Object.keys(defaults) as (keyof T)[]) {
    const value = overrides[key]
    if (typeof value !== typeof defaults[key]) continue
    if (typeof value === 'number' && !Number.isFinite(value)) continue
    rules[key] = value as T[keyof T]
  }
  return rules
}

/**
 * The other way: what a center stores when its admin saves `values` — only what differs from the
 * default, so a later change of a default reaches every center that kept it.
 * @example overridesOf({ minAge: 80, maxWindows: 5 }, { minAge: 80, maxWindows: 3 }) // { maxWindows: 5 }
 */
export function overridesOf<T extends object>(values: Partial<T>, defaults: T): Partial<T> {
  const out: Partial<T> = {}
  for (const k of Object.keys(values) as (keyof T)[]) if (values[k] !== defaults[k]) out[k] = values[k]
  return out
}

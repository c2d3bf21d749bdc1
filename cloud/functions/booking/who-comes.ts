import type { ParsedInput } from '@/contract'
import type { ActionContext } from '@cloud/runtime/context'
import { personOnFile } from '../people/on-file'

/** The fields of a booking form (create, or a 候补 join) that say who comes. */
export type WhoComesInput = Pick<ParsedInput<'booking', 'create'>, 'personRef' | 'person' | 'forSelf' | 'relation'>

/**
 * Who comes: the stored person the form picked (`personRef`), or the one typed in. A relative typed in is added to
 * 亲友 (consent pending), so the next form offers them; the schema guarantees name and ID number when nothing is picked.
 */
export async function whoComes(input: WhoComesInput, ctx: ActionContext) {
  if (input.personRef) {
    const stored = await personOnFile(ctx, input.personRef)
    return { name: stored.name, idNumber: stored.idNumber, forSelf: stored.relation === null, relation: stored.relation }
  }
  const typed = { name: input.person.name!, idNumber: input.person.idNumber!, forSelf: input.forSelf }
  return { ...typed, relation: input.forSelf ? null : (input.relation ?? null) }
}

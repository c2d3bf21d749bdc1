import type { ParsedInput } from '@/contract'
import { maskIdNumber } from '@/core/id-number'
import type { ActionContext } from '@cloud/runtime/context'
import type { PersonalData } from '@cloud/runtime/personal-data'
import type { LimitHolderRule } from '@cloud/store/port'
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
  return {
    name: input.person.name!,
    idNumber: input.person.idNumber!,
    forSelf: input.forSelf,
    relation: input.forSelf ? null : (input.relation ?? null),
  }
}

/**
 * Who comes as a booking or a 候补 entry stores them: the ID number only sealed, keyed-hashed (`idHash`) and masked;
 * `limitKey` is whose booking limits count (src/core/booking-rules.ts `limitHolder`), or the rule the store decides it by.
 */
export function comerFields<K extends string | LimitHolderRule>(
  person: Awaited<ReturnType<typeof whoComes>>,
  phone: string,
  keys: { idHash: string; limitKey: K },
  pii: PersonalData,
) {
  return {
    personName: person.name,
    idSealed: pii.encrypt(person.idNumber),
    idHash: keys.idHash,
    idMasked: maskIdNumber(person.idNumber),
    limitKey: keys.limitKey,
    phone,
    forSelf: person.forSelf,
    relation: person.relation,
  }
}

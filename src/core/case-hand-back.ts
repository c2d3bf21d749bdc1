/**
 * What a resident is told about getting the result and their originals back: it follows the
 * return method they chose and the originals the center actually holds — never "the originals"
 * when none were collected.
 */
import type { CaseState, DeliveryWay, HandoverWay } from './delegation-states'

export interface HandBackFacts {
  state: CaseState
  handover: HandoverWay
  /** Originals received and not yet given back. */
  held: readonly { name: string; count: number }[]
  /** Originals given back (for a delivered case). */
  returned: readonly { name: string; count: number }[]
  delivery: DeliveryWay | null
}

/** e.g. 户口簿 1 份、身份证 1 份 */
export const originalsText = (items: readonly { name: string; count: number }[]) => items.map((o) => `${o.name} ${o.count} 份`).join('、')

/**
 * One sentence about the hand-back for the state the case is in; null while there is nothing to hand back.
 * @example handBackText({ state: 'concluded', handover: 'window', held: [], returned: [], delivery: null })
 * // '请凭取件码到窗口领取办理结果。'
 * @example handBackText({ state: 'concluded', handover: 'home_pickup', held: [{ name: '户口簿', count: 1 }], returned: [], delivery: null })
 * // '网格员会和您约时间，上门送回办理结果和原件（户口簿 1 份）。'
 */
export function handBackText(f: HandBackFacts): string | null {
  const held = originalsText(f.held)
  switch (f.state) {
    case 'concluded':
      return f.handover === 'home_pickup'
        ? `网格员会和您约时间，上门送回办理结果${held ? `和原件（${held}）` : ''}。`
        : `请凭取件码到窗口领取办理结果${held ? `，并取回原件（${held}）` : ''}。`
    case 'delivered': {
      const returned = originalsText(f.returned)
      const how = f.delivery === 'home' ? '已上门送达' : f.delivery === 'pickup' ? '已在窗口领取' : '已交付'
      return `办理结果${how}${returned ? `，原件已归还（${returned}）` : ''}。`
    }
    case 'withdrawn':
    case 'rejected':
      return held ? `中心收取的原件（${held}）请到窗口取回。` : null
    default:
      return null
  }
}

import { concludeBlockers, concludeRefusal, type ChecklistItem } from '@/core/case-checklist'

const item = (name: string, status: ChecklistItem['status'], reason: string | null = null): ChecklistItem => ({ name, status, reason })

describe('concludeBlockers', () => {
  describe('when every item is received or waived with a reason', () => {
    it('returns nothing', () => {
      expect(concludeBlockers([item('身份证', 'received'), item('申领表', 'not_applicable', '窗口代填')])).toEqual([])
    })
  })
  describe('when an item is missing or not yet checked', () => {
    it('returns those items, in checklist order', () => {
      const items = [item('身份证', 'pending'), item('户口簿', 'missing'), item('银行卡', 'received')]
      expect(concludeBlockers(items).map((m) => m.name)).toEqual(['身份证', '户口簿'])
    })
  })
  describe('when a waiver has no reason (a record from before reasons were required)', () => {
    it('returns it: a waiver counts only with its reason', () => {
      expect(concludeBlockers([item('户口簿', 'not_applicable', null)]).map((m) => m.name)).toEqual(['户口簿'])
    })
  })
  describe('when the checklist is empty', () => {
    it('returns nothing', () => expect(concludeBlockers([])).toEqual([]))
  })
})

describe('concludeRefusal', () => {
  describe('when something blocks 办结', () => {
    it('returns the items with their status in words', () => {
      expect(concludeRefusal([item('户口簿', 'missing'), item('申领表', 'pending')])).toBe(
        '还有材料未收齐：户口簿（缺少）、申领表（待核对）。请收齐，或注明免交原因后再办结',
      )
    })
  })
  describe('when nothing blocks it', () => {
    it('returns null', () => expect(concludeRefusal([item('身份证', 'received')])).toBeNull())
  })
})

/**
 * Demo communities (社区/村) of each center, the grid worker responsible for
 * each, the workers' work phones, and the staff who run home certification
 * beyond those in demo-centers.ts: a second grid worker (so per-worker access
 * can be tried) and a supervisor who is not also an admin. Phones are illustrative.
 * Data only: each store's seeder writes it (sqlite/seed-database.ts, cloudbase/seed-cloudbase.ts).
 */
import type { StaffGrant } from '../store/port'

interface SeedCommunity {
  id: string
  name: string
  responsibleOpenid: string | null
}

const LINGSHANWEI: SeedCommunity[] = [
  { id: 'lsw-c-lingshanwei', name: '灵山卫社区', responsibleOpenid: 'dev-grid-chen' },
  { id: 'lsw-c-chengdong', name: '城东社区', responsibleOpenid: 'dev-grid-chen' },
  { id: 'lsw-c-nanmenwai', name: '南门外村', responsibleOpenid: 'dev-grid-ma' },
  { id: 'lsw-c-beimenwai', name: '北门外村', responsibleOpenid: 'dev-grid-ma' },
  { id: 'lsw-c-dongfeng', name: '东风村', responsibleOpenid: 'dev-grid-ma' },
]

const YINZHU: SeedCommunity[] = [
  { id: 'yz-c-yinzhu', name: '隐珠社区', responsibleOpenid: null },
  { id: 'yz-c-haibin', name: '海滨社区', responsibleOpenid: null },
]

export const DEMO_COMMUNITIES: Record<string, SeedCommunity[]> = { lsw: LINGSHANWEI, yz: YINZHU }

/** Staff of home certification not seeded with the centers. */
export const HOMECERT_STAFF: { centerId: string; openid: string; name: string; grant: StaffGrant['grant'] }[] = [
  { centerId: 'lsw', openid: 'dev-grid-ma', name: '马海燕', grant: { role: 'grid', communities: ['南门外村', '北门外村', '东风村'] } },
  {
    centerId: 'lsw',
    openid: 'dev-supervisor-zhou',
    name: '周敏',
    grant: { role: 'supervisor', communities: LINGSHANWEI.map((c) => c.name) },
  },
]

export const WORKER_PHONES: { centerId: string; openid: string; phone: string }[] = [
  { centerId: 'lsw', openid: 'dev-grid-chen', phone: '13905320101' },
  { centerId: 'lsw', openid: 'dev-grid-ma', phone: '13905320102' },
]

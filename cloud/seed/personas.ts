/**
 * Dev-mode identities for the H5 "选择身份" page. Their openids are what the
 * client sends as `X-Openid`; a production server refuses that header. Staff
 * roles come from the seeded `staff_roles`, not from this list.
 */
export interface Persona {
  openid: string
  name: string
  /** What this persona is for, shown on the identity page. */
  description: string
}

export const PERSONAS: Persona[] = [
  { openid: 'dev-resident-wang', name: '王建国', description: '居民，为自己和父亲办事' },
  { openid: 'dev-resident-li', name: '李秀英', description: '居民，72 岁' },
  { openid: 'dev-family-zhao', name: '赵敏', description: '家属，为老人申请上门认证' },
  { openid: 'dev-clerk-liu', name: '刘芳', description: '窗口人员（灵山卫 1–3 号窗口）' },
  { openid: 'dev-clerk-ma', name: '马丽', description: '窗口人员（灵山卫 4–6 号窗口）' },
  { openid: 'dev-grid-chen', name: '陈志强', description: '网格员（灵山卫社区、城东社区）' },
  { openid: 'dev-grid-ma', name: '马海燕', description: '网格员（南门外村、北门外村、东风村）' },
  { openid: 'dev-supervisor-zhou', name: '周敏', description: '主管（灵山卫全部社区/村的上门认证派单）' },
  { openid: 'dev-admin-sun', name: '孙丽', description: '管理员、主管（灵山卫全部社区/村）' },
  { openid: 'dev-clerk-yz', name: '周强', description: '窗口人员（隐珠 1–2 号窗口）' },
  { openid: 'dev-district-gao', name: '高文华', description: '区级管理员（录入全区的年度放假安排；不管理任何中心）' },
]

/** The demo district admin (区级管理员): a deployment-wide role, held in no center. */
export const DISTRICT_STAFF = [{ openid: 'dev-district-gao', name: '高文华' }] as const

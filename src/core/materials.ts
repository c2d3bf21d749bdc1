/** One item of what to bring for a service (办事指南), as the guide lists it and a case's checklist copies it. */
export interface Material {
  name: string
  /** e.g. 原件 1 份、复印件 1 份 */
  copies: string
  note?: string
}

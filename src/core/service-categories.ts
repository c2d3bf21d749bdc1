/** The categories of the 办事指南, in the order a resident sees them. */
export const SERVICE_CATEGORIES = [
  { key: 'pension', name: '社保养老' },
  { key: 'retirement_cert', name: '退休认证' },
  { key: 'medical', name: '医疗保障' },
  { key: 'disability', name: '残疾人服务' },
  { key: 'civil_affairs', name: '民政低保' },
  { key: 'household', name: '户籍证明' },
  { key: 'birth', name: '计生生育' },
  { key: 'employment', name: '就业创业' },
  { key: 'elderly', name: '老年优待' },
] as const

export type ServiceCategoryKey = (typeof SERVICE_CATEGORIES)[number]['key']

export const SERVICE_CATEGORY_KEYS = SERVICE_CATEGORIES.map((c) => c.key) as [ServiceCategoryKey, ...ServiceCategoryKey[]]

export function categoryName(key: ServiceCategoryKey): string {
  return SERVICE_CATEGORIES.find((c) => c.key === key)?.name ?? key
}

/**
 * Whether a service matches what a resident typed in the guide's search box:
 * every word (split on spaces) must appear in the name, summary, category or a material.
 * @example matchesQuery({ name: '城乡居民养老保险参保登记', ... }, '养老 登记') // true
 */
export function matchesQuery(
  service: { name: string; summary: string; category: ServiceCategoryKey; keywords?: string[]; materials: { name: string }[] },
  query: string,
): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack = [
    service.name,
    service.summary,
    categoryName(service.category),
    ...(service.keywords ?? []),
    ...service.materials.map((m) => m.name),
  ]
    .join(' ')
    .toLowerCase()
  return words.every((w) => haystack.includes(w))
}

/** Counter staff the queue needs beyond the demo centers' own: a second 灵山卫 clerk, for windows 4–6 (so "another window's clerk" is a real person). */
export const QUEUE_STAFF = [
  { centerId: 'lsw', openid: 'dev-clerk-ma', name: '马丽', role: 'counter', scope: { windows: [4, 5, 6] } },
] as const

/**
 * Collections one CloudBase repo writes and another reads (the rest are named
 * in their own repo file). One list, so a rename cannot leave a reader behind;
 * cloudbase/security-rules.json and cloudbase/indexes.json name every collection.
 */
export const SHARED = {
  /** BookingRecord documents, `_id` = booking id (the queue checks in and completes them; statistics read them). */
  bookings: 'bookings',
  /** `{ centerId, name, responsibleOpenid, sort }`, `_id` = community id (config writes, home certification reads). */
  communities: 'communities',
  /** One per (center, openid, role): `{ centerId, openid, name, role, scope, createdAt }` (staff admin writes; home certification and cases read). */
  staffRoles: 'staff_roles',
  /** `{ centerId, openid, phone }`: a grid worker's work phone, shown masked to families. */
  workerPhones: 'homecert_worker_phones',
  /** `_id` = center id, `{ rules }`: a center's overrides of the home-certification rules (config writes). */
  homecertSettings: 'homecert_settings',
} as const

-- centers, windows, services, center days, staff roles
CREATE TABLE centers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  district TEXT NOT NULL,
  address TEXT NOT NULL,
  phone TEXT NOT NULL,
  latitude REAL NOT NULL,
  longitude REAL NOT NULL,
  hours_json TEXT NOT NULL,
  sort INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE windows (
  id TEXT PRIMARY KEY,
  center_id TEXT NOT NULL REFERENCES centers(id),
  number INTEGER NOT NULL,
  name TEXT NOT NULL,
  UNIQUE (center_id, number)
);
CREATE TABLE services (
  id TEXT PRIMARY KEY,
  center_id TEXT NOT NULL REFERENCES centers(id),
  category TEXT NOT NULL,
  name TEXT NOT NULL,
  summary TEXT NOT NULL,
  keywords_json TEXT NOT NULL DEFAULT '[]',
  materials_json TEXT NOT NULL,
  notes_json TEXT NOT NULL DEFAULT '[]',
  processing_days INTEGER NOT NULL,
  bookable INTEGER NOT NULL,
  delegable INTEGER NOT NULL,
  window_ids_json TEXT NOT NULL,
  slot_minutes INTEGER NOT NULL,
  per_window_capacity INTEGER NOT NULL,
  sort INTEGER NOT NULL DEFAULT 0,
  retired INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX services_by_center ON services (center_id, retired, sort);
CREATE TABLE center_days (
  center_id TEXT NOT NULL REFERENCES centers(id),
  date TEXT NOT NULL,
  open INTEGER NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (center_id, date)
);
CREATE TABLE staff_roles (
  center_id TEXT NOT NULL REFERENCES centers(id),
  openid TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  scope_json TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  PRIMARY KEY (center_id, openid, role)
);

-- audit log of staff actions in every area; messages link to any page
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  center_id TEXT NOT NULL REFERENCES centers(id),
  actor_openid TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  -- e.g. queue.callNext, homecert.assign, config.updateService, export.statistics
  action TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT,
  -- A short note without personal data (no ID numbers, no phones).
  detail TEXT,
  at TEXT NOT NULL
);
CREATE INDEX audit_by_center_time ON audit_log (center_id, at);
CREATE INDEX audit_by_record ON audit_log (record_type, record_id);

-- A 消息 can now point at any page (a booking, a home-certification request, a case).
ALTER TABLE messages ADD COLUMN link TEXT;

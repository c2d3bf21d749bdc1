-- delegated cases: online requests wait as 已提交（待受理） ('applied') until a clerk accepts them; a waived checklist item keeps its reason
--
-- The state list is a CHECK constraint, which SQLite cannot alter: the table is rebuilt (the runner
-- turns foreign keys off around migrations and checks them before committing). `accepted_at` of an
-- 'applied' case holds when it was sent; the accept step sets it to the acceptance (the clock's start).
CREATE TABLE cases_rebuilt (
  id TEXT PRIMARY KEY,
  case_no TEXT NOT NULL UNIQUE,
  center_id TEXT NOT NULL REFERENCES centers(id),
  service_id TEXT NOT NULL REFERENCES services(id),
  service_name TEXT NOT NULL,
  processing_days INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('applied', 'accepted', 'processing', 'needs_supplement', 'submitted', 'concluded', 'delivered', 'withdrawn', 'rejected')),
  channel TEXT NOT NULL CHECK (channel IN ('online', 'counter')),
  openid TEXT,
  created_by TEXT NOT NULL,
  request_id TEXT NOT NULL,
  applicant_name TEXT NOT NULL,
  for_self INTEGER NOT NULL,
  relation TEXT,
  phone TEXT NOT NULL,
  -- The last 4 digits, for the staff search (the number itself is never searched by prefix).
  phone_tail TEXT NOT NULL,
  description TEXT NOT NULL,
  handover TEXT NOT NULL CHECK (handover IN ('window', 'home_pickup')),
  address TEXT,
  assignee_openid TEXT,
  assignee_name TEXT,
  pauses_json TEXT NOT NULL DEFAULT '[]',
  accepted_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  stopped_at TEXT,
  department TEXT,
  result TEXT,
  pickup_code TEXT,
  delivery TEXT CHECK (delivery IN ('pickup', 'home')),
  delivered_at TEXT,
  -- SHA-256 of the claim code (a bearer secret: the database alone cannot claim a case).
  claim_code_hash TEXT UNIQUE,
  claim_expires_at TEXT,
  claimed_at TEXT,
  purged_at TEXT,
  UNIQUE (created_by, request_id)
);
INSERT INTO cases_rebuilt (id, case_no, center_id, service_id, service_name, processing_days, state, channel, openid, created_by, request_id,
  applicant_name, for_self, relation, phone, phone_tail, description, handover, address, assignee_openid, assignee_name, pauses_json,
  accepted_at, updated_at, stopped_at, department, result, pickup_code, delivery, delivered_at, claim_code_hash, claim_expires_at, claimed_at, purged_at)
SELECT id, case_no, center_id, service_id, service_name, processing_days, state, channel, openid, created_by, request_id,
  applicant_name, for_self, relation, phone, phone_tail, description, handover, address, assignee_openid, assignee_name, pauses_json,
  accepted_at, updated_at, stopped_at, department, result, pickup_code, delivery, delivered_at, claim_code_hash, claim_expires_at, claimed_at, purged_at
FROM cases;
DROP TABLE cases;
ALTER TABLE cases_rebuilt RENAME TO cases;

CREATE INDEX cases_by_owner ON cases (openid, center_id, state, accepted_at);
CREATE INDEX cases_by_center ON cases (center_id, state, accepted_at);
CREATE INDEX cases_by_assignee ON cases (center_id, assignee_openid, state);
CREATE INDEX cases_by_phone_tail ON cases (center_id, phone_tail);
CREATE INDEX cases_purge_due ON cases (updated_at) WHERE purged_at IS NULL AND state IN ('delivered', 'withdrawn', 'rejected');

-- Why an item was waived (免交): required to set one, shown to the resident and the clerk.
ALTER TABLE case_materials ADD COLUMN reason TEXT;

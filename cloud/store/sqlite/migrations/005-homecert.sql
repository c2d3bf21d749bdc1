-- home certification: communities, grid workers' work phones, requests with their timeline, daily numbers, per-center rules
CREATE TABLE communities (
  id TEXT PRIMARY KEY,
  center_id TEXT NOT NULL REFERENCES centers(id),
  -- 社区 or 村, as staff grants name them (`communities` in a grid or supervisor grant).
  name TEXT NOT NULL,
  -- The grid worker who gets its home visits by default; NULL: the supervisor picks one.
  responsible_openid TEXT,
  sort INTEGER NOT NULL DEFAULT 0,
  UNIQUE (center_id, name)
);
CREATE INDEX communities_by_center ON communities (center_id, sort);

-- The work phone families see (masked) for the worker who will visit.
CREATE TABLE homecert_worker_phones (
  center_id TEXT NOT NULL REFERENCES centers(id),
  openid TEXT NOT NULL,
  phone TEXT NOT NULL,
  PRIMARY KEY (center_id, openid)
) WITHOUT ROWID;

-- A center's overrides of the home-certification rules (src/core/home-certification.ts).
CREATE TABLE homecert_settings (
  center_id TEXT PRIMARY KEY REFERENCES centers(id),
  rules_json TEXT NOT NULL DEFAULT '{}'
);

-- Daily request numbers per center (20261126-001), taken in the insert's transaction.
CREATE TABLE homecert_numbers (
  center_id TEXT NOT NULL REFERENCES centers(id),
  date TEXT NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (center_id, date)
) WITHOUT ROWID;

CREATE TABLE homecert_requests (
  -- Derived from (requester, request id): a retried submit meets its first row.
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL,
  center_id TEXT NOT NULL REFERENCES centers(id),
  community_id TEXT NOT NULL REFERENCES communities(id),
  status TEXT NOT NULL CHECK (status IN ('submitted', 'assigned', 'scheduled', 'visiting', 'not_home', 'certified', 'ineligible', 'closed_other', 'cancelled')),
  -- Every transition bumps it; a write names the version it read.
  version INTEGER NOT NULL,
  requester_openid TEXT NOT NULL,
  request_id TEXT NOT NULL,
  elder_name TEXT NOT NULL,
  -- The ID number only sealed (AES-GCM), keyed-hashed and masked; never in the clear.
  elder_id_sealed TEXT NOT NULL,
  elder_id_hash TEXT NOT NULL,
  elder_id_masked TEXT NOT NULL,
  elder_birth_date TEXT NOT NULL,
  elder_phone TEXT,
  elder_address TEXT NOT NULL,
  category TEXT NOT NULL,
  -- The 残疾人证号 holds the ID number: sealed too; its category and grade in words.
  disability_sealed TEXT,
  disability_kind TEXT,
  disability_grade TEXT,
  reason TEXT,
  requester_self INTEGER NOT NULL,
  requester_name TEXT NOT NULL,
  requester_phone TEXT NOT NULL,
  relation TEXT,
  windows_json TEXT NOT NULL,
  note TEXT,
  worker_openid TEXT,
  worker_name TEXT,
  visit_date TEXT,
  visit_half TEXT CHECK (visit_half IS NULL OR visit_half IN ('am', 'pm')),
  visit_note TEXT,
  not_home_count INTEGER NOT NULL DEFAULT 0,
  -- Beijing date since which a visit has been waiting to be agreed (the overdue clock).
  waiting_since TEXT NOT NULL,
  outcome_note TEXT,
  certified_on TEXT,
  next_due TEXT,
  due_reminded_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  closed_at TEXT,
  UNIQUE (requester_openid, request_id),
  UNIQUE (center_id, number)
);
-- One request in progress per elder, even if two submits race past the check.
CREATE UNIQUE INDEX homecert_one_active_per_elder ON homecert_requests (elder_id_hash) WHERE status IN ('submitted', 'assigned', 'scheduled', 'visiting', 'not_home');
CREATE INDEX homecert_by_requester ON homecert_requests (requester_openid, center_id, created_at);
CREATE INDEX homecert_by_worker ON homecert_requests (worker_openid, center_id, status);
CREATE INDEX homecert_by_center ON homecert_requests (center_id, status, community_id, created_at);
CREATE INDEX homecert_by_elder ON homecert_requests (elder_id_hash, status, certified_on);
CREATE INDEX homecert_by_due ON homecert_requests (center_id, next_due) WHERE status = 'certified';

-- Every transition: who, when, from what to what, and a note.
CREATE TABLE homecert_timeline (
  request_id TEXT NOT NULL REFERENCES homecert_requests(id),
  -- The request's version after the step (1 = submitted).
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  actor_role TEXT NOT NULL CHECK (actor_role IN ('family', 'worker', 'supervisor', 'admin', 'system')),
  actor_openid TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  -- What the step set, in words (the visit's half-day, the worker's name); no ID numbers or phones.
  detail TEXT,
  -- What the person who took the step wrote.
  note TEXT,
  PRIMARY KEY (request_id, seq)
) WITHOUT ROWID;

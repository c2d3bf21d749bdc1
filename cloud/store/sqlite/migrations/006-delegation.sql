-- delegated cases (帮办代办): cases, the daily case-number counter, checklist, originals log, timeline, photos, ratings, claim attempts

-- One row per Beijing date: the last case number given that day, taken in the same
-- IMMEDIATE transaction that inserts the case, so two processes never share a number.
CREATE TABLE case_sequences (
  date TEXT PRIMARY KEY,
  last INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  case_no TEXT NOT NULL UNIQUE,
  center_id TEXT NOT NULL REFERENCES centers(id),
  service_id TEXT NOT NULL REFERENCES services(id),
  service_name TEXT NOT NULL,
  processing_days INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('accepted', 'processing', 'needs_supplement', 'submitted', 'concluded', 'delivered', 'withdrawn', 'rejected')),
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
  UNIQUE (created_by, request_id)
);
CREATE INDEX cases_by_owner ON cases (openid, center_id, state, accepted_at);
CREATE INDEX cases_by_center ON cases (center_id, state, accepted_at);
CREATE INDEX cases_by_assignee ON cases (center_id, assignee_openid, state);
CREATE INDEX cases_by_phone_tail ON cases (center_id, phone_tail);

CREATE TABLE case_events (
  case_id TEXT NOT NULL REFERENCES cases(id),
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('resident', 'staff')),
  actor_openid TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  note TEXT,
  -- missing items, department, result, delivery, photo ids
  data_json TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (case_id, seq)
) WITHOUT ROWID;

CREATE TABLE case_materials (
  case_id TEXT NOT NULL REFERENCES cases(id),
  idx INTEGER NOT NULL,
  name TEXT NOT NULL,
  copies TEXT NOT NULL,
  note TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'received', 'missing', 'not_applicable')),
  by_openid TEXT,
  by_name TEXT,
  at TEXT,
  PRIMARY KEY (case_id, idx)
) WITHOUT ROWID;

CREATE TABLE case_originals (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id TEXT NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL CHECK (kind IN ('received', 'returned')),
  name TEXT NOT NULL,
  count INTEGER NOT NULL,
  note TEXT,
  received_id INTEGER REFERENCES case_originals(id),
  by_openid TEXT NOT NULL,
  by_name TEXT NOT NULL,
  at TEXT NOT NULL,
  CHECK ((kind = 'returned') = (received_id IS NOT NULL))
);
CREATE INDEX case_originals_by_case ON case_originals (case_id, id);
-- An original is given back once.
CREATE UNIQUE INDEX case_originals_one_return ON case_originals (received_id) WHERE received_id IS NOT NULL;

-- Photos of 补正 replies (locally; in CloudBase they go to cloud storage and only the file id is kept).
CREATE TABLE case_photos (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  openid TEXT NOT NULL,
  data_url TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  event_seq INTEGER,
  created_at TEXT NOT NULL
);
CREATE INDEX case_photos_pending ON case_photos (case_id, openid, event_seq);

-- One rating per case: the primary key is the rule.
CREATE TABLE case_ratings (
  case_id TEXT PRIMARY KEY REFERENCES cases(id),
  center_id TEXT NOT NULL REFERENCES centers(id),
  openid TEXT NOT NULL,
  stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment TEXT,
  flagged INTEGER NOT NULL,
  at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX case_ratings_flagged ON case_ratings (center_id, flagged, at);

-- Wrong claim codes per caller, for the rate limit (old rows are pruned as new ones come).
CREATE TABLE case_claim_failures (
  openid TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX case_claim_failures_by_caller ON case_claim_failures (openid, at);

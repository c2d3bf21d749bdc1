-- people: the resident's own identity (我的身份) and their relatives (亲友), names and ID numbers sealed

-- One identity per account; saving a new one replaces it (and its verification).
CREATE TABLE identities (
  openid TEXT PRIMARY KEY,
  name_sealed TEXT NOT NULL,
  id_sealed TEXT NOT NULL,
  id_hash TEXT NOT NULL,
  id_masked TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('self_declared', 'verified')),
  verified_at TEXT,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- One row per (account, person); consent moves only from pending, by a conditional update.
CREATE TABLE relatives (
  id TEXT PRIMARY KEY,
  owner_openid TEXT NOT NULL,
  relation TEXT NOT NULL,
  name_sealed TEXT NOT NULL,
  id_sealed TEXT NOT NULL,
  id_hash TEXT NOT NULL,
  id_masked TEXT NOT NULL,
  consent TEXT NOT NULL CHECK (consent IN ('pending', 'confirmed_by_elder', 'confirmed_at_counter')),
  code_hash TEXT UNIQUE,
  code_expires_at TEXT,
  confirmed_by TEXT,
  confirmed_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (owner_openid, id_hash)
);

-- store meta: facts about the database itself, first the fingerprint of the personal-data key set

-- `pii_key_fingerprint`: the key set this database's personal data is sealed with (written on the first
-- open with keys; a later open with other keys refuses to start). `sealed_fields`: the fields of
-- cloud/store/sealed-fields.ts were sealed in place (rows written before sealing existed).
CREATE TABLE store_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

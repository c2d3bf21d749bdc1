-- audit log: the record's human number beside its id (代办件 DB20261207-0001, 排队号 A001, the request's
-- number), written when the action is logged, so the log reads as the rest of the app does and an admin can
-- look a record up by the number people use. Entries logged before this have none (the id is shown).
ALTER TABLE audit_log ADD COLUMN record_label TEXT;
CREATE INDEX audit_by_label ON audit_log (center_id, record_label);

-- config_generation: a number every change to a center's configuration moves
--
-- The server keeps centers, services, windows and center days in memory (every booking reads
-- them) and asks this one small row whether they changed: triggers bump it on any write to
-- those tables, from this process or another one on the same file, whatever code path wrote.
CREATE TABLE config_generation (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
INSERT INTO config_generation (id, n) VALUES (1, 0);
CREATE TRIGGER centers_insert_bumps_generation AFTER INSERT ON centers BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER centers_update_bumps_generation AFTER UPDATE ON centers BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER centers_delete_bumps_generation AFTER DELETE ON centers BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER services_insert_bumps_generation AFTER INSERT ON services BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER services_update_bumps_generation AFTER UPDATE ON services BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER services_delete_bumps_generation AFTER DELETE ON services BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER windows_insert_bumps_generation AFTER INSERT ON windows BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER windows_update_bumps_generation AFTER UPDATE ON windows BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER windows_delete_bumps_generation AFTER DELETE ON windows BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER center_days_insert_bumps_generation AFTER INSERT ON center_days BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER center_days_update_bumps_generation AFTER UPDATE ON center_days BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER center_days_delete_bumps_generation AFTER DELETE ON center_days BEGIN UPDATE config_generation SET n = n + 1 WHERE id = 1; END;

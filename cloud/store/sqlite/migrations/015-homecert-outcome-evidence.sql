-- home certification: an outcome records how the elder was seen (上门现场核验 / 视频核验), its evidence (a note, a photo) and the actual visit day
--
-- The evidence photo is kept as a JPEG/PNG data URL of at most 44 KB (the page shrinks it), like a case's 补交材料 photos;
-- retention clears it with the other personal data of the request.
ALTER TABLE homecert_requests ADD COLUMN verify_method TEXT CHECK (verify_method IN ('onsite', 'video'));
ALTER TABLE homecert_requests ADD COLUMN evidence_note TEXT;
ALTER TABLE homecert_requests ADD COLUMN evidence_photo TEXT;
ALTER TABLE homecert_requests ADD COLUMN visited_on TEXT;

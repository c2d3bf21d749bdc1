-- case photos in file storage: the row keeps the file's key, not the picture

-- A 补交材料 photo's bytes now live in the file store (cloud/store/port/files.ts: DATA_DIR/files locally),
-- and `file` holds its key. Rows written before this migration hold the JPEG/PNG data URL itself in the
-- same column and are read as they are (isDataUrl), so no photo is copied or lost. The home
-- certification's `evidence_photo` takes the same two forms without a change of column.
ALTER TABLE case_photos RENAME COLUMN data_url TO file;

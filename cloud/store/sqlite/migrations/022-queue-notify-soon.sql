-- queue tickets: whether the resident allowed the 即将到号 notice at check-in (the weapp's subscribe prompt)
ALTER TABLE queue_tickets ADD COLUMN notify_soon INTEGER NOT NULL DEFAULT 0;

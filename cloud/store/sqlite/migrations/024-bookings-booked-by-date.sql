-- bookings: the no-show job finds what is due through the bookings still booked, by day (replaces bookings_by_deadline)
--
-- `bookings_by_deadline (status, check_in_by)` held every booking in every state, keyed by its check-in deadline: a
-- new booking went in at one of ~100 places (a day's slots × the bookable days), so nearly every insert wrote a page
-- of its own (docs/benchmarks.md, issue 21 point 5), and the index kept growing with history that no query reads.
-- The job's question is "booked, and its deadline passed": a booking's deadline is after its slot starts, so a due
-- booking's date is today or before (Beijing). This index holds only bookings still booked, keyed by date: a new
-- booking goes in at the end of its day's run (~8 places), and a booking leaves it when checked in, cancelled or
-- marked a no-show. The job reads today's (and any overdue) booked bookings through it and sorts them by deadline.
DROP INDEX bookings_by_deadline;
CREATE INDEX bookings_booked_by_date ON bookings (date) WHERE status = 'booked';

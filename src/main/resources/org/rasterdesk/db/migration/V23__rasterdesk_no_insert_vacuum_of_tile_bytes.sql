-- A tile's bytes live in its table's TOAST table (an 8000² Float32 raster's parse adds about 0.5 GB there), and
-- nothing changes them afterwards: the swap's UPDATE of raster_rastertile keeps each row's TOAST pointer. Since
-- PostgreSQL 13 autovacuum also vacuums a table after enough INSERTs (autovacuum_vacuum_insert_threshold), so after
-- every large parse a worker read and rewrote that whole new TOAST for about a minute (1.7-3.3 s of the server's
-- CPU after a parse of the Lisbon benchmark raster, under the next parse if one follows), only to set hint bits,
-- visibility map bits and frozen xids nobody needs there: the chunks are reached only through their row's pointer
-- (never by an index-only scan), and reading them (SnapshotToast) neither checks nor sets hint bits. -1 turns off
-- only that trigger, for these TOAST tables alone:
--   * chunks left dead by a delete or a re-parse still get their table vacuumed (autovacuum_vacuum_threshold and
--     scale factor are unchanged), which also freezes what it finds old enough;
--   * wraparound stays safe: the anti-wraparound vacuum (autovacuum_freeze_max_age, 200 million transactions by
--     default; a parse uses a few hundred) is started whatever the thresholds say, as it was for every table
--     before PostgreSQL 13.
-- Servers before PostgreSQL 13 have no such setting, and a database whose tables belong to another role refuses
-- it; either keeps its own behaviour.
DO $$
BEGIN
    ALTER TABLE raster_rastertile SET (toast.autovacuum_vacuum_insert_threshold = -1);
    ALTER TABLE rasterdesk_reprojectedtile SET (toast.autovacuum_vacuum_insert_threshold = -1);
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'insert-triggered vacuums of the tiles'' TOAST tables stay on: %', SQLERRM;
END
$$;

-- What each finished parse made: its tiles and their stored bytes. With its start and end these are the measured
-- rates (tiles per second, bytes per tile) from which a pre-flight tells how long a parse will take and how much
-- room its tiles will need.
ALTER TABLE rasterdesk_parse ADD COLUMN tiles bigint NULL;
ALTER TABLE rasterdesk_parse ADD COLUMN bytes bigint NULL;

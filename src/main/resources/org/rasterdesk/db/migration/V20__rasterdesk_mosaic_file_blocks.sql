-- Each file of a mosaic is its own unit of work on workers: a block is (file, rows) then, its part the file's index
-- in the mosaic's list (null for the blocks of one raster). The files' tiles are warped apart, each block into an
-- attempt of its own; the finish paints the tiles where files overlap in the mosaic's order. top_tiles is the
-- count of max-zoom tiles the files touch together, for the log's "empty dropped".
ALTER TABLE rasterdesk_parseblock ADD COLUMN part integer NULL;
ALTER TABLE rasterdesk_queuedparse ADD COLUMN top_tiles bigint NULL;

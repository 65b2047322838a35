-- RasterDesk's additions. They leave django-raster's tables as django-raster expects them: one extra index,
-- a compression setting, and tables of RasterDesk's own.

-- Tile lookups by address (viewer, pyramid checks) and per-layer deletes use this instead of three
-- single-column indexes.
CREATE INDEX IF NOT EXISTS rasterdesk_rastertile_layer_zxy
    ON raster_rastertile (rasterlayer_id, tilez, tilex, tiley);

-- lz4 doubles the write speed of tiles over the default pglz; servers built without it keep pglz.
DO $$
BEGIN
    ALTER TABLE raster_rastertile ALTER COLUMN rast SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'lz4 compression is not available: tiles use the default compression';
END
$$;

-- One row per parse run. A parse writes its tiles with rasterlayer_id NULL and records them in
-- rasterdesk_pendingtile; the final swap moves them to the layer in one transaction, so a failed, cancelled or
-- killed parse never touches the layer's previous tiles. The heartbeat tells a crashed parse from a running one.
CREATE TABLE rasterdesk_parse (
    id bigserial PRIMARY KEY,
    rasterlayer_id integer NOT NULL,
    started timestamp with time zone NOT NULL DEFAULT now(),
    heartbeat timestamp with time zone NOT NULL DEFAULT now(),
    finished timestamp with time zone NULL,
    outcome varchar(20) NULL,
    host text NULL,
    pid bigint NULL
);
CREATE INDEX rasterdesk_parse_rasterlayer_id ON rasterdesk_parse (rasterlayer_id);

CREATE TABLE rasterdesk_pendingtile (
    parse_id bigint NOT NULL REFERENCES rasterdesk_parse (id) ON DELETE CASCADE,
    rid integer NOT NULL
);
CREATE INDEX rasterdesk_pendingtile_parse_id ON rasterdesk_pendingtile (parse_id);

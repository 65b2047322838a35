-- A mosaic layer: one layer made of several raster files, kept in rasterdesk_sourcefile in their order (kinds
-- 'part-0001', 'part-0002', ...). Where files overlap the later one wins, or the first with first_wins.
-- django-raster knows only one file per layer; its rasterfile column names the first.
CREATE TABLE rasterdesk_mosaic (
    rasterlayer_id integer PRIMARY KEY
        REFERENCES raster_rasterlayer (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    first_wins boolean NOT NULL DEFAULT false,
    created timestamp with time zone NOT NULL DEFAULT now()
);

-- Parses run by workers (rasterdesk worker, on JobRunr; its own tables are rasterdesk_jobrunr_*). The parse's
-- plan: what its first job learnt (zoom, tile range, the layer's metadata and statistics, kept until the swap),
-- and its blocks of max-zoom tile rows, each a job. A block is written as an attempt of its own (a row of
-- rasterdesk_parse, its tiles pending under it) and counts once marked done; the attempt of a worker that died
-- is discarded when the block is redone. Such runs are not taken for interrupted local parses: no client holds
-- their layer's lock while workers come and go.
ALTER TABLE rasterdesk_parse ADD COLUMN distributed boolean NOT NULL DEFAULT false;

CREATE TABLE rasterdesk_queuedparse (
    parse_id bigint PRIMARY KEY REFERENCES rasterdesk_parse (id) ON DELETE CASCADE,
    rasterlayer_id integer NOT NULL,
    state varchar(20) NOT NULL,
    zoom integer NOT NULL,
    min_zoom integer NOT NULL,
    min_x integer NOT NULL,
    min_y integer NOT NULL,
    max_x integer NOT NULL,
    max_y integer NOT NULL,
    resampling varchar(20) NOT NULL,
    tile_nodata double precision[] NOT NULL,
    pixel_type varchar(20) NOT NULL,
    metadata text NOT NULL,
    bands text NOT NULL,
    palettes text NOT NULL,
    pyramid_attempt bigint NULL,
    created timestamp with time zone NOT NULL DEFAULT now()
);

CREATE TABLE rasterdesk_parseblock (
    parse_id bigint NOT NULL REFERENCES rasterdesk_queuedparse (parse_id) ON DELETE CASCADE,
    block integer NOT NULL,
    min_y integer NOT NULL,
    max_y integer NOT NULL,
    attempt bigint NULL,
    worker text NULL,
    done boolean NOT NULL DEFAULT false,
    tiles integer NULL,
    empty integer NULL,
    seconds double precision NULL,
    PRIMARY KEY (parse_id, block)
);

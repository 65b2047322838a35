-- What a layer's tiles were made from: its parse status, log and tile levels and the settings that made them.
-- django-raster's save empties the status, log and tile levels when a setting that makes tiles changes, although
-- the tiles stay until the next parse replaces them. This row keeps what was emptied, so that a parse that is
-- cancelled gives the layer back a status, log and settings that describe the tiles it still has. It goes when a
-- parse replaces the tiles, or with the layer.
CREATE TABLE rasterdesk_parsedstate (
    rasterlayer_id integer PRIMARY KEY,
    status integer NOT NULL,
    log text NOT NULL,
    tile_levels integer[] NOT NULL,
    rasterfile varchar(100) NULL,
    source_url varchar(2500) NOT NULL,
    nodata varchar(100) NULL,
    srid integer NULL,
    max_zoom integer NULL,
    build_pyramid boolean NOT NULL,
    next_higher boolean NOT NULL
);

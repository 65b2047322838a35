-- A mosaic layer: one layer made of several raster files, kept in rasterdesk_sourcefile in their order (kinds
-- 'part-0001', 'part-0002', ...). Where files overlap the later one wins, or the first with first_wins.
-- django-raster knows only one file per layer; its rasterfile column names the first.
CREATE TABLE rasterdesk_mosaic (
    rasterlayer_id integer PRIMARY KEY
        REFERENCES raster_rasterlayer (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    first_wins boolean NOT NULL DEFAULT false,
    created timestamp with time zone NOT NULL DEFAULT now()
);

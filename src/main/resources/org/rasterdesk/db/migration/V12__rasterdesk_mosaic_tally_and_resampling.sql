-- A mosaic's statistics kept as tallies (8- and 16-bit integer bands: how often each value occurs among the
-- pixels that show, counts[value - type minimum + 1]), so that files added to it are counted without reading the
-- files it had whole: the added files' pixels are added, the older pixels they now cover taken away. inputs says
-- what the tally is of (the layer's SRID and nodata, the overlap rule and the number of files); written with the
-- tiles it belongs to.
CREATE TABLE rasterdesk_bandtally (
    rasterlayer_id integer NOT NULL
        REFERENCES raster_rasterlayer (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    band integer NOT NULL,
    inputs text NOT NULL,
    counts bigint[] NOT NULL,
    PRIMARY KEY (rasterlayer_id, band)
);

-- How the mosaic's max-zoom tiles were resampled, so that an addition remakes its tiles the same way.
ALTER TABLE rasterdesk_mosaic ADD COLUMN resampling varchar(20) NULL;

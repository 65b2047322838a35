-- The reprojected copy of a layer (django-raster's "store reprojected"): an EPSG:3857 GeoTIFF at the resolution of
-- the layer's max zoom, kept like an upload, so that a re-parse for a change that leaves source, SRID and nodata
-- alone (max zoom, pyramid) starts from it instead of the source.
ALTER TABLE rasterdesk_sourcefile ADD COLUMN kind varchar(20) NOT NULL DEFAULT 'source';
ALTER TABLE rasterdesk_sourcefile DROP CONSTRAINT rasterdesk_sourcefile_pkey;
ALTER TABLE rasterdesk_sourcefile ADD PRIMARY KEY (rasterlayer_id, kind);

-- What the reprojected copy was made from: reusable only while these are what the layer would parse again.
CREATE TABLE rasterdesk_reprojected (
    rasterlayer_id integer PRIMARY KEY
        REFERENCES raster_rasterlayer (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    zoom integer NOT NULL,
    source_pixel_size double precision NOT NULL,
    inputs text NOT NULL,
    created timestamp with time zone NOT NULL DEFAULT now()
);

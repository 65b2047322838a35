-- The reprojected copy is the layer's own tiles at the copy's zoom: they are the warped raster at that zoom's
-- resolution, already in the database, so keeping a second EPSG:3857 GeoTIFF of them (hundreds of MB for a large
-- raster) only cost time. storage says where the copy's pixels are:
--   'file'  a GeoTIFF in rasterdesk_sourcefile (kind 'reprojected'), as copies were kept before;
--   'tiles' the layer's tiles in raster_rastertile at zoom;
--   'kept'  rasterdesk_reprojectedtile, where a re-parse to another max zoom moved the layer's tiles at zoom.
ALTER TABLE rasterdesk_reprojected ADD COLUMN storage varchar(10) NOT NULL DEFAULT 'file'
    CHECK (storage IN ('file', 'tiles', 'kept'));

CREATE TABLE rasterdesk_reprojectedtile (
    rasterlayer_id integer NOT NULL
        REFERENCES raster_rasterlayer (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    tilex integer NOT NULL,
    tiley integer NOT NULL,
    rast raster NOT NULL,
    PRIMARY KEY (rasterlayer_id, tilex, tiley)
);
DO $$
BEGIN
    ALTER TABLE rasterdesk_reprojectedtile ALTER COLUMN rast SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'lz4 compression is not available: kept tiles use the default compression';
END
$$;

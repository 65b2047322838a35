-- What RasterDesk shows of a layer beyond django-raster's own fields: the band the map draws (django-raster draws
-- band 0, the default here too), and the colour map of a palette image, which is drawn as the layer's legend while
-- it has none. Both go with their layer.
CREATE TABLE IF NOT EXISTS rasterdesk_layer_display (
    rasterlayer_id integer PRIMARY KEY REFERENCES raster_rasterlayer (id) ON DELETE CASCADE,
    band integer NOT NULL DEFAULT 0 CHECK (band >= 0)
);

CREATE TABLE IF NOT EXISTS rasterdesk_band_palette (
    rasterlayer_id integer NOT NULL REFERENCES raster_rasterlayer (id) ON DELETE CASCADE,
    band integer NOT NULL,
    value integer NOT NULL,
    argb integer NOT NULL,
    PRIMARY KEY (rasterlayer_id, band, value)
);

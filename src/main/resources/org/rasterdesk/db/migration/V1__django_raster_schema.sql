-- django-raster's own tables, as its migrations leave them (v0.8.1). A database where django-raster already
-- made them is baselined at this version, so nothing here runs there. Like Django, the foreign keys have no
-- ON DELETE action: deleting a layer deletes its dependent rows explicitly.

CREATE TABLE raster_legendsemantics (
    id serial PRIMARY KEY,
    name varchar(50) NOT NULL,
    description text NULL,
    keyword text NULL
);

CREATE TABLE raster_legend (
    id serial PRIMARY KEY,
    title varchar(200) NOT NULL,
    description text NULL,
    json text NULL,
    modified timestamp with time zone NOT NULL
);

CREATE TABLE raster_legendentry (
    id serial PRIMARY KEY,
    expression varchar(500) NOT NULL,
    color varchar(7) NOT NULL,
    code varchar(100) NOT NULL,
    legend_id integer NULL REFERENCES raster_legend (id) DEFERRABLE INITIALLY DEFERRED,
    semantics_id integer NOT NULL REFERENCES raster_legendsemantics (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX raster_legendentry_legend_id ON raster_legendentry (legend_id);
CREATE INDEX raster_legendentry_semantics_id ON raster_legendentry (semantics_id);

CREATE TABLE raster_rasterlayer (
    id serial PRIMARY KEY,
    name varchar(100) NULL,
    description text NULL,
    datatype varchar(2) NOT NULL,
    rasterfile varchar(100) NULL,
    source_url varchar(2500) NOT NULL,
    nodata varchar(100) NULL,
    srid integer NULL,
    max_zoom integer NULL,
    build_pyramid boolean NOT NULL,
    next_higher boolean NOT NULL,
    store_reprojected boolean NOT NULL,
    legend_id integer NULL REFERENCES raster_legend (id) DEFERRABLE INITIALLY DEFERRED,
    modified timestamp with time zone NOT NULL
);
CREATE INDEX raster_rasterlayer_legend_id ON raster_rasterlayer (legend_id);

CREATE TABLE raster_rasterlayermetadata (
    id serial PRIMARY KEY,
    uperleftx double precision NULL,
    uperlefty double precision NULL,
    width integer NULL,
    height integer NULL,
    scalex double precision NULL,
    scaley double precision NULL,
    skewx double precision NULL,
    skewy double precision NULL,
    numbands integer NULL,
    srs_wkt text NULL,
    srid smallint NULL CHECK (srid >= 0),
    max_zoom smallint NULL CHECK (max_zoom >= 0),
    rasterlayer_id integer NOT NULL UNIQUE REFERENCES raster_rasterlayer (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE raster_rasterlayerbandmetadata (
    id serial PRIMARY KEY,
    band integer NOT NULL CHECK (band >= 0),
    nodata_value double precision NULL,
    min double precision NOT NULL,
    max double precision NOT NULL,
    mean double precision NULL,
    std double precision NULL,
    hist_values bigint[] NOT NULL,
    hist_bins double precision[] NOT NULL,
    rasterlayer_id integer NOT NULL REFERENCES raster_rasterlayer (id) DEFERRABLE INITIALLY DEFERRED,
    UNIQUE (rasterlayer_id, band)
);
CREATE INDEX raster_rasterlayerbandmetadata_rasterlayer_id ON raster_rasterlayerbandmetadata (rasterlayer_id);

CREATE TABLE raster_rasterlayerparsestatus (
    id serial PRIMARY KEY,
    status integer NOT NULL,
    log text NOT NULL,
    tile_levels integer[] NOT NULL,
    rasterlayer_id integer NOT NULL UNIQUE REFERENCES raster_rasterlayer (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE raster_rasterlayerreprojected (
    id serial PRIMARY KEY,
    rasterfile varchar(100) NULL,
    rasterlayer_id integer NOT NULL UNIQUE REFERENCES raster_rasterlayer (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE raster_rastertile (
    rid serial PRIMARY KEY,
    rast raster NULL,
    tilex integer NULL,
    tiley integer NULL,
    tilez integer NULL,
    rasterlayer_id integer NULL REFERENCES raster_rasterlayer (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX raster_rastertile_rast_id ON raster_rastertile USING gist (ST_ConvexHull(rast));
CREATE INDEX raster_rastertile_rasterlayer_id ON raster_rastertile (rasterlayer_id);
CREATE INDEX raster_rastertile_tilex ON raster_rastertile (tilex);
CREATE INDEX raster_rastertile_tiley ON raster_rastertile (tiley);
CREATE INDEX raster_rastertile_tilez ON raster_rastertile (tilez);

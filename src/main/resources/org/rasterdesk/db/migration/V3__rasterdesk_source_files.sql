-- The bytes of files uploaded to a layer, kept in the database so that any machine (a worker, another desktop)
-- can parse the layer. django-raster keeps uploads in its media folder and only their name in
-- raster_rasterlayer.rasterfile; RasterDesk sets that column to the same 'rasters/<name>' and keeps the bytes here.
-- Very large files may be kept by path only (a shared disk): then content is NULL and path is set.
CREATE TABLE rasterdesk_sourcefile (
    rasterlayer_id integer PRIMARY KEY
        REFERENCES raster_rasterlayer (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    name text NOT NULL,
    size bigint NOT NULL CHECK (size >= 0),
    sha256 text NULL,
    content oid NULL,
    path text NULL,
    created timestamp with time zone NOT NULL DEFAULT now(),
    CHECK ((content IS NULL) <> (path IS NULL))
);

-- A large object outlives the row that points to it unless someone unlinks it; doing it here also covers rows
-- removed by the cascade when django-raster deletes a layer.
CREATE FUNCTION rasterdesk_sourcefile_unlink() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.content IS NOT NULL AND (TG_OP = 'DELETE' OR NEW.content IS DISTINCT FROM OLD.content) THEN
        PERFORM lo_unlink(OLD.content);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER rasterdesk_sourcefile_unlink
    AFTER UPDATE OR DELETE ON rasterdesk_sourcefile
    FOR EACH ROW EXECUTE FUNCTION rasterdesk_sourcefile_unlink();

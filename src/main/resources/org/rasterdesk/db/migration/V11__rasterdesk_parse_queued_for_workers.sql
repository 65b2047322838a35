-- A parse on workers exists from the moment it is queued: its run (rasterdesk_parse, distributed) is made by the
-- client that queues it, waiting until a worker takes it. Every client sees it, and can cancel it, before any
-- worker runs; started is the moment a worker took it.
-- queued marks such a parse's own run, as opposed to the attempts of its blocks and of its lower zooms.
ALTER TABLE rasterdesk_parse ADD COLUMN queued boolean NOT NULL DEFAULT false;
ALTER TABLE rasterdesk_parse ADD COLUMN waiting boolean NOT NULL DEFAULT false;

-- What the finish needs to keep the top zoom's tiles as the layer's reprojected copy, as a local parse does: the
-- inputs the copy depends on (null when no copy is to be kept) and the source's pixel size in EPSG:3857.
ALTER TABLE rasterdesk_queuedparse ADD COLUMN copy_inputs text NULL;
ALTER TABLE rasterdesk_queuedparse ADD COLUMN source_pixel_size double precision NULL;

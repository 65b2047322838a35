-- A cancel asked of a local parse from another process (rasterdesk cancel LAYER, another window): the parse
-- running elsewhere looks at its run's row about once a second and stops, keeping the layer's previous tiles.
ALTER TABLE rasterdesk_parse ADD COLUMN cancel_requested timestamp with time zone NULL;

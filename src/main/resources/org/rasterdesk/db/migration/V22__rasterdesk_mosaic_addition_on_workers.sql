-- Files added to a mosaic can be parsed on workers. added_after is the number of files the mosaic had before the
-- addition (its files staged as 'adding-NNNN' become parts at the swap); null for a parse of the layer as it is.
-- remade_top, for an addition that re-makes only the tiles the added files touch, is those max-zoom tiles (JSON:
-- [[minX, minY, maxX, maxY], ...]); null when every tile is made. tally and tally_inputs are the mosaic's tally of
-- the values that show (JSON of counts per band, see rasterdesk_bandtally), kept from the plan to the swap.
ALTER TABLE rasterdesk_queuedparse ADD COLUMN added_after integer NULL;
ALTER TABLE rasterdesk_queuedparse ADD COLUMN remade_top text NULL;
ALTER TABLE rasterdesk_queuedparse ADD COLUMN tally text NULL;
ALTER TABLE rasterdesk_queuedparse ADD COLUMN tally_inputs text NULL;

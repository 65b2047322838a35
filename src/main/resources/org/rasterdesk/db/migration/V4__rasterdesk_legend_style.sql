-- A continuous colour ramp for a legend. django-raster keeps only discrete entries with a legend (continuous
-- colormaps travel in its tile URL's colormap parameter), so the ramp lives here, in that parameter's own JSON
-- form. Deleting the legend deletes its style.
CREATE TABLE IF NOT EXISTS rasterdesk_legend_style (
    legend_id integer PRIMARY KEY REFERENCES raster_legend (id) ON DELETE CASCADE,
    colormap text NOT NULL
);

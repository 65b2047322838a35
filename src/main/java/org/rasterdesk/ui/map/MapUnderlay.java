package org.rasterdesk.ui.map;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.rasterdesk.render.MapViewport;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.TileRange;
import org.rasterdesk.ui.common.TaskExecutor;
import org.rasterdesk.webtiles.TileDiskCache;

/**
 * What the map draws under its layers: the online base map where it has tiles (when the user turned it on), and
 * the world's outlines everywhere else, so that a layer always has a known map beneath it, with or without network.
 * Tiles of both are made on background threads and asked for only once the layers' tiles are in, so that they never
 * hold the data up. Draws the attribution their licences ask for in the map's corner. JavaFX thread.
 */
final class MapUnderlay {

    static final Color ATTRIBUTION_BACKGROUND = Color.rgb(255, 255, 255, 0.75);

    private final ObjectProperty<BaseMapSettings> settings = new SimpleObjectProperty<>(this, "settings",
            BaseMapSettings.DEFAULT);
    private final OutlineTiles outlines;
    private final BaseMapTiles baseMap;

    /**
     * @param drawing  makes the outline tiles (CPU: a millisecond or two each)
     * @param fetching fetches the base map's tiles (network: give it threads of its own, a slow server blocks them)
     * @param disk     the base map's disk cache
     * @param repaint  asks the map for a repaint, on the JavaFX thread
     */
    MapUnderlay(TaskExecutor drawing, TaskExecutor fetching, TileDiskCache disk, Supplier<HttpClient> client,
            Runnable repaint) {
        outlines = new OutlineTiles(drawing, repaint);
        baseMap = new BaseMapTiles(fetching, disk, client, repaint);
        baseMap.setSource(settings.get().source());
        settings.addListener((obs, was, now) -> {
            baseMap.setSource(now.source());
            repaint.run();
        });
    }

    /** The base map and outlines as chosen; the map redraws when they change. */
    ObjectProperty<BaseMapSettings> settingsProperty() {
        return settings;
    }

    /** "" while all is well; one line when the base map's source cannot be reached. */
    ReadOnlyStringProperty statusProperty() {
        return baseMap.statusProperty();
    }

    /** Asks for the tiles of the view that are not kept yet. */
    void request(TileRange range) {
        BaseMapSettings s = settings.get();
        List<TileKey> keys = range.keys();
        if (s.baseMap()) {
            baseMap.request(keys);
        }
        if (s.outlines()) {
            // Where the base map has a tile, its own coasts show: outlines are drawn only where it has none.
            List<TileKey> bare = new ArrayList<>();
            for (TileKey key : keys) {
                if (!s.baseMap() || baseMap.imageFor(key) == null) {
                    bare.add(key);
                }
            }
            outlines.request(bare);
        }
    }

    boolean isIdle() {
        return outlines.isIdle() && baseMap.isIdle();
    }

    /** Draws the underlay of the view's tiles. */
    void draw(GraphicsContext gc, MapViewport view, TileRange range) {
        BaseMapSettings s = settings.get();
        gc.setImageSmoothing(true);
        for (TileKey key : range.keys()) {
            double x = view.tileLeft(key.x());
            double y = view.tileTop(key.y());
            BaseMapTiles.Stand base = s.baseMap() ? baseMap.imageFor(key) : null;
            if (base != null) {
                gc.setGlobalAlpha(s.opacity());
                drawStand(gc, base.image(), key, base.levels(), x, y);
                gc.setGlobalAlpha(1);
            } else if (s.outlines()) {
                drawOutline(gc, key, x, y);
            }
        }
        gc.setGlobalAlpha(1);
    }

    /** The attribution of what is drawn, in the bottom right corner as licences ask; nothing when nothing is. */
    void drawAttribution(GraphicsContext gc, double width, double height) {
        String text = attribution();
        if (text.isEmpty()) {
            return;
        }
        gc.setFont(MapView.labelFont());
        Text measure = new Text(text);
        measure.setFont(MapView.labelFont());
        double w = Math.ceil(measure.getLayoutBounds().getWidth()) + 8;
        double h = 16;
        gc.setFill(ATTRIBUTION_BACKGROUND);
        gc.fillRect(width - w, height - h, w, h);
        gc.setFill(Color.rgb(40, 40, 40));
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(text, width - 4, height - h / 2);
        gc.setTextAlign(TextAlignment.LEFT);
    }

    /** "© OpenStreetMap contributors" while the base map is on, "Natural Earth" for the outlines alone. */
    String attribution() {
        BaseMapSettings s = settings.get();
        if (s.baseMap()) {
            String named = s.source().attribution().isBlank() ? s.source().host() : s.source().attribution();
            return s.outlines() ? named + " · Natural Earth" : named;
        }
        return s.outlines() ? "Outlines: Natural Earth" : "";
    }

    private void drawOutline(GraphicsContext gc, TileKey key, double x, double y) {
        // Until its own tile is drawn, the nearest drawn ancestor's stands in (lines a little blurred for a moment).
        for (TileKey k = key; ; k = k.parent()) {
            Optional<Image> image = outlines.get(k);
            if (image != null) {
                if (image.isPresent()) {
                    drawStand(gc, image.get(), key, key.z() - k.z(), x, y);
                }
                return;
            }
            if (k.z() == 0) {
                return;
            }
        }
    }

    /** Draws the part of an ancestor's image that covers a tile, blown up; the image itself at 0 levels. */
    private static void drawStand(GraphicsContext gc, Image image, TileKey key, int levels, double x, double y) {
        if (levels == 0) {
            gc.drawImage(image, x, y);
            return;
        }
        double part = image.getWidth() / (1 << levels);
        double sx = (key.x() - ((key.x() >> levels) << levels)) * part;
        double sy = (key.y() - ((key.y() >> levels) << levels)) * part;
        gc.drawImage(image, sx, sy, part, part, x, y, 256, 256);
    }
}

package org.rasterdesk.parse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rasterdesk.raster.RasterFiles;
import org.rasterdesk.raster.RasterInfo;
import org.rasterdesk.raster.RasterOverrides;
import org.rasterdesk.raster.RasterReader;

/**
 * The rasters of one parse opened together (one file, or a mosaic's files), checked to make one layer: each with
 * a CRS, all of the same bands and sample type. Closing closes every reader.
 */
final class SourceParts implements AutoCloseable {

    private final List<Path> files;
    private final List<RasterReader> readers;

    private SourceParts(List<Path> files, List<RasterReader> readers) {
        this.files = files;
        this.readers = readers;
    }

    /** Opens the files with the layer's SRID and nodata overriding the files' own. */
    static SourceParts open(List<Path> files, Integer srid, Double nodata) throws IOException {
        List<RasterReader> readers = new ArrayList<>();
        SourceParts parts = new SourceParts(List.copyOf(files), readers);
        try {
            for (Path file : files) {
                readers.add(RasterOverrides.apply(RasterFiles.open(file), srid, nodata));
            }
            parts.check();
            return parts;
        } catch (IOException | RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    private void check() throws IOException {
        RasterInfo first = readers.get(0).info();
        for (int i = 0; i < readers.size(); i++) {
            RasterInfo info = readers.get(i).info();
            if (info.crs() == null) {
                throw new IOException((readers.size() == 1 ? "The raster" : "The file " + name(i))
                        + " has no coordinate reference system; set the layer's SRID to the EPSG code of the one "
                        + "it is in");
            }
            if (info.bandCount() != first.bandCount() || info.pixelType() != first.pixelType()) {
                throw new IOException("The files of a mosaic must have the same bands and sample type: " + name(0)
                        + " has " + first.bandCount() + " band(s) of " + first.pixelType() + ", " + name(i) + " "
                        + info.bandCount() + " of " + info.pixelType());
            }
        }
    }

    private String name(int i) {
        return files.get(i).getFileName().toString();
    }

    List<RasterReader> readers() {
        return readers;
    }

    /** Per reader, per band the nodata its statistics leave out. */
    List<List<Double>> nodata() {
        List<List<Double>> nodata = new ArrayList<>();
        for (RasterReader reader : readers) {
            nodata.add(reader.info().nodata());
        }
        return nodata;
    }

    /** Each raster, read as the tiles' pixel type, with where its pixels lie in EPSG:3857. */
    List<SourcePart> project(org.rasterdesk.raster.pixel.PixelType tilePixelType) throws IOException {
        List<SourcePart> parts = new ArrayList<>();
        for (RasterReader reader : readers) {
            RasterReader tiled = RasterOverrides.withPixelType(reader, tilePixelType);
            parts.add(new SourcePart(tiled, ParseRun.project(tiled.info())));
        }
        return parts;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (RasterReader reader : readers) {
            try {
                reader.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}

package org.rasterdesk.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * How a local raster is kept in the database: alone, or, when it has side files (world file, .prj, .aux.xml, .msk,
 * .ovr), as a zip of the raster and then its side files, which every later parse and every worker unpacks the same
 * way. The zip is written straight into the database as it is made: no copy of the raster on the disk.
 */
record SideFileZip(Path raster, List<Path> sideFiles) {

    SideFileZip {
        sideFiles = List.copyOf(sideFiles);
    }

    /** The raster and the side files beside it now. */
    static SideFileZip of(Path raster) throws IOException {
        return new SideFileZip(raster, RasterFileNames.sideFiles(raster));
    }

    /** Whether the raster is kept alone, without a zip. */
    boolean alone() {
        return sideFiles.isEmpty();
    }

    /** The name of what is kept: the raster's, or its name with ".zip". */
    String storedName() {
        String name = raster.getFileName().toString();
        return alone() ? name : name + ".zip";
    }

    /** The stored name as a path beside the raster, for the layer's rasterfile. */
    Path storedPath() {
        return raster.resolveSibling(storedName());
    }

    /** The files' total size: the zip's, near enough for progress (the raster is mostly compressed already). */
    long inputBytes() throws IOException {
        long bytes = Files.size(raster);
        for (Path p : sideFiles) {
            bytes += Files.size(p);
        }
        return bytes;
    }

    /** Writes the kept bytes: the raster's, or the zip's (entries named after the files, the raster first). */
    void writeTo(OutputStream out) throws IOException {
        if (alone()) {
            Files.copy(raster, out);
            return;
        }
        List<Path> entries = new ArrayList<>();
        entries.add(raster);
        entries.addAll(sideFiles);
        try (ZipOutputStream zip = new ZipOutputStream(new NotClosing(out))) {
            for (Path p : entries) {
                zip.putNextEntry(new ZipEntry(p.getFileName().toString()));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
    }

    /** The zip finishes its stream without closing the database's. */
    private static final class NotClosing extends java.io.FilterOutputStream {

        NotClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}

package org.rasterdesk.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
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

    /**
     * The raster and the side files beside it now. A zip archive is kept alone: it carries its rasters' side files
     * inside, and a zip of a zip would hold no raster for the parse that unpacks it.
     */
    static SideFileZip of(Path raster) throws IOException {
        return of(List.of(raster)).get(0);
    }

    /** Each raster and the side files beside it now, as {@link #of(Path)} tells them, each folder listed once. */
    static List<SideFileZip> of(List<Path> rasters) throws IOException {
        List<List<Path>> sideFiles = RasterFileNames.sideFiles(rasters);
        List<SideFileZip> out = new ArrayList<>();
        for (int i = 0; i < rasters.size(); i++) {
            Path raster = rasters.get(i);
            out.add(new SideFileZip(raster, ZipRasterExtractor.isZip(raster) ? List.of() : sideFiles.get(i)));
        }
        return out;
    }

    /**
     * The name of the raster kept under a stored name: a zip's name that {@link #storedName()} made of a raster's
     * gives that raster's, any other its own (a file kept alone, or an archive the user gave).
     */
    static String rasterName(String storedName) {
        if (storedName.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            String raster = storedName.substring(0, storedName.length() - ".zip".length());
            if (RasterFileNames.isRaster(raster)) {
                return raster;
            }
        }
        return storedName;
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

    /**
     * Writes the zip of the raster and its side files (entries named after the files, the raster first); a raster
     * kept {@link #alone()} is stored from its file as it is.
     *
     * <p>The raster goes into the zip as it is (stored, its CRC read first), its side files deflated. A raster in the
     * wild is compressed already, and deflating it again is the costliest step of its upload for nothing: the
     * Lisbon benchmark raster (78 MB, DEFLATE inside) took 3.1-3.8 s of CPU in zlib to shrink by almost nothing,
     * against about 0.05 s to read its CRC, on a parse that keeps both cores busy.
     */
    void writeTo(OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(new NotClosing(out))) {
            zip.putNextEntry(storedEntry(raster));
            // A raster changed since its CRC was read fails here (closeEntry checks size and CRC), and with it the
            // upload: what is kept is always what was read.
            Files.copy(raster, zip);
            zip.closeEntry();
            for (Path p : sideFiles) {
                zip.putNextEntry(new ZipEntry(p.getFileName().toString()));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
    }

    /** An entry that keeps the file's bytes as they are: its size and CRC go ahead of them. */
    private static ZipEntry storedEntry(Path file) throws IOException {
        CRC32 crc = new CRC32();
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
                size += n;
            }
        }
        ZipEntry entry = new ZipEntry(file.getFileName().toString());
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(size);
        entry.setCompressedSize(size);
        entry.setCrc(crc.getValue());
        return entry;
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

package org.rasterdesk.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Takes the raster out of a zip archive, as django-raster unzips uploads: the first GeoTIFF in the archive's order
 * (macOS resource forks skipped), streamed to a file. An archive with an entry that would escape its folder is
 * refused, and extraction stops at a size limit and at a compression ratio no real raster reaches (zip bombs).
 */
public final class ZipRasterExtractor {

    /**
     * @param maxExtractedBytes the largest raster taken out of an archive
     * @param maxRatio          the largest extracted size per compressed byte; DEFLATE tops out near 1032
     */
    public record Limits(long maxExtractedBytes, double maxRatio) {
        public static final Limits DEFAULT = new Limits(64L * 1024 * 1024 * 1024, 1100);
    }

    private static final byte[] LOCAL_HEADER = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ARCHIVE = {'P', 'K', 5, 6};

    private final Limits limits;

    public ZipRasterExtractor(Limits limits) {
        this.limits = limits;
    }

    /** Whether the file is a zip archive, told by its first bytes rather than its name. */
    public static boolean isZip(Path file) throws IOException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return false;
            }
        }
        return Arrays.equals(head, LOCAL_HEADER) || Arrays.equals(head, EMPTY_ARCHIVE);
    }

    /**
     * Extracts the raster of {@code archive} into {@code dir}.
     *
     * @return the extracted file, named after the entry's own file name
     * @throws SourceException when the archive holds no raster, is unsafe, or exceeds the limits
     */
    public Path extractRaster(Path archive, Path dir, String archiveName, FetchListener listener,
                              BooleanSupplier cancelled) throws IOException, ParseCancelledException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            return extract(zip, rasters(zip, archiveName).get(0), dir, archiveName, listener, cancelled);
        } catch (ZipException e) {
            throw new SourceException("The zip archive " + archiveName + " is damaged: " + e.getMessage() + ".", e);
        }
    }

    /**
     * Extracts every raster of {@code archive} (each with its side files) into {@code dir}, in the order of their
     * names: the files of a mosaic zipped together.
     */
    public List<Path> extractRasters(Path archive, Path dir, String archiveName, FetchListener listener,
                                     BooleanSupplier cancelled) throws IOException, ParseCancelledException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            List<ZipEntry> entries = new ArrayList<>(rasters(zip, archiveName));
            entries.sort(java.util.Comparator.comparing(ZipEntry::getName));
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                // A folder each: two folders of the archive may hold files of the same name.
                Path own = Files.createDirectory(dir.resolve(String.format(java.util.Locale.ROOT, "%04d", i + 1)));
                files.add(extract(zip, entries.get(i), own, archiveName, listener, cancelled));
            }
            return files;
        } catch (ZipException e) {
            throw new SourceException("The zip archive " + archiveName + " is damaged: " + e.getMessage() + ".", e);
        }
    }

    /** How many rasters the archive holds; 0 when it is no readable zip. */
    public static int rasterCount(Path archive) {
        return rasterNames(archive).size();
    }

    /**
     * The names of the archive's rasters (without their folders), in the order {@link #extractRasters} gives them;
     * empty when it is no readable zip.
     */
    public static List<String> rasterNames(Path archive) {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            return rasters(zip, archive.getFileName().toString()).stream().map(ZipEntry::getName).sorted()
                    .map(n -> n.substring(n.lastIndexOf('/') + 1)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private Path extract(ZipFile zip, ZipEntry entry, Path dir, String archiveName, FetchListener listener,
                         BooleanSupplier cancelled) throws IOException, ParseCancelledException {
        String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
        Path target = dir.resolve(SafeFileName.of(name));
        long declared = entry.getSize();
        if (declared > limits.maxExtractedBytes()) {
            throw tooLarge(archiveName, entry, declared);
        }
        // Asked of the folder itself: Files.getFileStore looks the folder up in the mount table, which fails
        // ("Mount point not found") in a chroot and some containers.
        long usable = dir.toFile().getUsableSpace();
        if (declared > usable) {
            throw new SourceException("The raster " + entry.getName() + " in " + archiveName + " needs "
                    + ProgressMeter.size(declared) + " but only " + ProgressMeter.size(usable)
                    + " are free in " + dir + ".");
        }
        long ratioLimit = entry.getCompressedSize() > 0
                ? (long) Math.min(Long.MAX_VALUE / 2.0, entry.getCompressedSize() * limits.maxRatio())
                : Long.MAX_VALUE;
        long limit = Math.min(limits.maxExtractedBytes(), Math.max(ratioLimit, 1024 * 1024));
        ProgressMeter meter = new ProgressMeter(listener, "Unzipping", entry.getName(), declared);
        meter.report();
        try {
            copy(zip, entry, target, limit, meter, archiveName, cancelled);
        } catch (IOException | ParseCancelledException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        meter.report();
        extractSideFiles(zip, entry, dir, limit, archiveName, listener, cancelled);
        return target;
    }

    private void copy(ZipFile zip, ZipEntry entry, Path target, long limit, ProgressMeter meter, String archiveName,
                      BooleanSupplier cancelled) throws IOException, ParseCancelledException {
        // The sizes in the archive's directory can lie: the limit is enforced on the bytes actually written.
        try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (meter.done() + n > limit) {
                    throw tooLarge(archiveName, entry, meter.done() + n);
                }
                out.write(buffer, 0, n);
                meter.add(n);
                if (cancelled.getAsBoolean()) {
                    throw new ParseCancelledException();
                }
            }
        }
    }

    /**
     * The raster's side files (world file, .prj, .aux.xml, .msk) from the same folder of the archive, beside it, so
     * that it is georeferenced as the files it was zipped with say.
     */
    private void extractSideFiles(ZipFile zip, ZipEntry raster, Path dir, long limit, String archiveName,
                                  FetchListener listener, BooleanSupplier cancelled)
            throws IOException, ParseCancelledException {
        String rasterName = raster.getName();
        String folder = rasterName.substring(0, rasterName.lastIndexOf('/') + 1);
        String base = rasterName.substring(folder.length());
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            String name = e.getName();
            if (e.isDirectory() || !name.startsWith(folder) || name.indexOf('/', folder.length()) >= 0
                    || !RasterFileNames.travelsWith(base, name.substring(folder.length()))) {
                continue;
            }
            Path target = dir.resolve(SafeFileName.of(name.substring(folder.length())));
            ProgressMeter meter = new ProgressMeter(listener, "Unzipping", name, e.getSize());
            try {
                copy(zip, e, target, limit, meter, archiveName, cancelled);
            } catch (IOException | ParseCancelledException | RuntimeException failure) {
                Files.deleteIfExists(target);
                throw failure;
            }
        }
    }

    /** The archive's rasters in the archive's order, the first being the one a layer of one raster takes. */
    private static List<ZipEntry> rasters(ZipFile zip, String archiveName) throws SourceException {
        List<String> others = new ArrayList<>();
        List<ZipEntry> rasters = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            String name = e.getName();
            if (escapes(name)) {
                throw new SourceException("The zip archive " + archiveName + " has an entry outside its folder ("
                        + name + "); it is refused.");
            }
            String base = name.substring(name.lastIndexOf('/') + 1);
            if (e.isDirectory() || name.startsWith("__MACOSX/") || base.startsWith("._")) {
                continue;
            }
            if (isRasterName(base)) {
                rasters.add(e);
            } else if (others.size() < 10) {
                others.add(name);
            }
        }
        if (rasters.isEmpty()) {
            throw new SourceException("The zip archive " + archiveName + " holds no raster (.tif, .png with a world "
                    + "file, .asc, .jp2, .nc…)"
                    + (others.isEmpty() ? "; it is empty." : "; it has " + String.join(", ", others) + "."));
        }
        return rasters;
    }

    static boolean isRasterName(String fileName) {
        return RasterFileNames.isRaster(fileName);
    }

    /** Absolute names, drive letters and ".." segments could write outside the folder if anyone unzipped it. */
    static boolean escapes(String entryName) {
        String n = entryName.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private SourceException tooLarge(String archiveName, ZipEntry entry, long size) {
        return new SourceException("The raster " + entry.getName() + " in " + archiveName + " unpacks to more than "
                + ProgressMeter.size(Math.min(size, limits.maxExtractedBytes())) + " (limit "
                + ProgressMeter.size(limits.maxExtractedBytes()) + ", at most " + (long) limits.maxRatio()
                + " times its compressed size); it is refused as a possible zip bomb.");
    }
}

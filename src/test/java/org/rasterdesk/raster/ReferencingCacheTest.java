package org.rasterdesk.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sis.referencing.CRS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opengis.referencing.operation.MathTransform;

/**
 * SIS's answers kept on disk: a transform read back from the cache is SIS's own and moves points exactly as SIS's
 * does, a value of this program's own classes (a datum shift chosen per point) is never written, and a cache file
 * that does not read is ignored and made again.
 */
class ReferencingCacheTest {

    @TempDir
    Path dir;

    @AfterEach
    void locateAgain() {
        ReferencingCache.locateAgainForTests();
    }

    @Test
    void aTransformReadBackFromTheCacheIsSissOwn() throws Exception {
        ReferencingCache.useFolderForTests(dir);
        MathTransform computed = ReferencingCache.transform(ReferencingCache.epsg(32629), ReferencingCache.epsg(3857));
        assertTrue(entries() >= 3, "the two CRSs and the transform are kept: " + entries());

        ReferencingCache.useFolderForTests(dir);
        MathTransform read = ReferencingCache.transform(ReferencingCache.epsg(32629), ReferencingCache.epsg(3857));
        assertNotSame(computed, read, "read from the disk, not held in memory");
        MathTransform sis = CRS.findOperation(CRS.forCode("EPSG:32629"), CRS.forCode("EPSG:3857"), null)
                .getMathTransform();
        assertEquals(sis, read);
        assertArrayEquals(moved(sis), moved(read), "every point lands where SIS puts it, to the last bit");
    }

    /**
     * A CRS of a file's own (not from this cache) beside one the cache read back from its WKT: SIS chose
     * "Unspecified datum change" (3 km accuracy) for NAD27 to the read-back WGS 84 instead of EPSG's datum shift.
     */
    @Test
    void aFilesOwnCrsGetsTheSameDatumShiftWhenTheOtherCrsIsReadBack() throws Exception {
        ReferencingCache.useFolderForTests(dir);
        ReferencingCache.epsg(4326);
        ReferencingCache.useFolderForTests(dir);
        var readBack = ReferencingCache.epsg(4326);
        var nad27 = CRS.forCode("EPSG:4267");
        var sis = CRS.findOperation(nad27, CRS.forCode("EPSG:4326"), null);

        assertEquals(sis.getMathTransform(), ReferencingCache.transform(nad27, readBack));
        Object[] named = ReferencingCache.computed("the operation's name", List.of(nad27, readBack),
                exact -> new Object[] {CRS.findOperation(exact[0], exact[1], null).getName().getCode()});
        assertEquals(sis.getName().getCode(), named[0]);
    }

    @Test
    void aValueOfThisProgramsOwnClassesIsNeverWritten() throws Exception {
        ReferencingCache.useFolderForTests(dir);
        var wgs84 = ReferencingCache.epsg(4326);
        long before = entries();
        Object[] perPoint = ReferencingCache.computed("a shift chosen per point", List.of(wgs84),
                exact -> new Object[] {new PerPointShift(), "its description"});
        assertTrue(perPoint[0] instanceof PerPointShift);
        assertEquals(before, entries(), "a transform of this program's own is computed every time, never kept");

        ReferencingCache.computed("a text only", List.of(wgs84), exact -> new Object[] {"kept"});
        assertEquals(before + 1, entries(), "values of SIS and strings are kept");
    }

    @Test
    void aCacheFileThatDoesNotReadIsIgnoredAndMadeAgain() throws Exception {
        ReferencingCache.useFolderForTests(dir);
        ReferencingCache.transform(ReferencingCache.epsg(32629), ReferencingCache.epsg(3857));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.write(file, new byte[] {(byte) 0xac, (byte) 0xed, 0, 5, 't', 'r', 'u', 'n', 'c'});
            }
        }

        ReferencingCache.useFolderForTests(dir);
        MathTransform again = ReferencingCache.transform(ReferencingCache.epsg(32629), ReferencingCache.epsg(3857));
        MathTransform sis = CRS.findOperation(CRS.forCode("EPSG:32629"), CRS.forCode("EPSG:3857"), null)
                .getMathTransform();
        assertArrayEquals(moved(sis), moved(again));
        ReferencingCache.useFolderForTests(dir);
        MathTransform reread = ReferencingCache.transform(ReferencingCache.epsg(32629), ReferencingCache.epsg(3857));
        assertEquals(sis, reread, "the broken file was written again and now reads");
    }

    @Test
    void rebuildingThisProgramKeepsTheCacheAndAnotherSisVersionDoesNot() throws Exception {
        Path classes = Path.of(ReferencingCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path own = Files.isDirectory(classes)
                ? classes.resolve(ReferencingCache.class.getName().replace('.', '/') + ".class") : classes;
        String before = ReferencingCache.fingerprint();
        var built = Files.getLastModifiedTime(own);
        try {
            // As a build does: the program's classes (or jar) are written anew.
            Files.setLastModifiedTime(own, java.nio.file.attribute.FileTime.fromMillis(built.toMillis() + 3_600_000));
            assertEquals(before, ReferencingCache.fingerprint(), "a rebuild of RasterDesk keeps SIS's answers");
        } finally {
            Files.setLastModifiedTime(own, built);
        }
        List<String> inputs = ReferencingCache.fingerprintInputs();
        assertTrue(inputs.contains("sis " + org.apache.sis.util.Version.SIS), inputs.toString());
        assertTrue(inputs.stream().anyMatch(i -> i.startsWith("sis-referencing-")), "SIS's jar names its version: "
                + inputs);
        assertTrue(inputs.stream().noneMatch(i -> i.contains(classes.getFileName().toString())),
                "nothing of this program's build: " + inputs);
        assertTrue(inputs.stream().anyMatch(i -> i.matches("code [0-9a-f]{40}")),
                "the code that makes the values is in the key by its bytes: " + inputs);
        for (String name : ReferencingCache.COMPUTING_CLASSES) {
            assertTrue(ReferencingCache.class.getClassLoader().getResource(name) != null, "a class that exists: " + name);
        }
    }

    private long entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".ser")).count();
        }
    }

    /** Points across UTM 29N (the Lisbon benchmark raster's zone) moved by the transform. */
    private static double[] moved(MathTransform transform) throws Exception {
        double[] points = new double[2 * 400];
        for (int i = 0; i < 400; i++) {
            points[2 * i] = 400_000 + (i % 20) * 12_345.6789;
            points[2 * i + 1] = 4_200_000 + (i / 20) * 23_456.789;
        }
        double[] out = new double[points.length];
        transform.transform(points, 0, out, 0, 400);
        return out;
    }

    /** Stands for a transform of this program's own, as a datum shift chosen per point is. */
    private static final class PerPointShift implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}

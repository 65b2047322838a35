package org.rasterdesk.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.db.TestDatabase;

class SourceFileStoreTest {

    private final DataSource ds = TestDatabase.shared().dataSource();
    private final SourceFileStore store = new SourceFileStore(ds);

    @TempDir
    Path dir;

    @Test
    void uploadedFileRoundTripsByteIdentical() throws Exception {
        Path tif = TestRasters.real("RGB.byte.tif");
        int layer = newLayer();
        StoredFile stored = store.store(layer, tif);
        assertEquals("RGB.byte.tif", stored.name());
        assertEquals(Files.size(tif), stored.size());
        assertEquals(sha256(tif), stored.sha256());
        assertTrue(stored.inDatabase());
        assertEquals(stored.sha256(), store.find(layer).orElseThrow().sha256());

        Path copy = dir.resolve("copy.tif");
        store.copyTo(layer, copy, FetchListener.NONE, () -> false);
        assertArrayEquals(Files.readAllBytes(tif), Files.readAllBytes(copy));
    }

    @Test
    void storedPagesAreCompressedWithLz4AndTheSessionKeepsItsOwnSetting() throws Exception {
        // Pages that compress at all: a raster file's own compression leaves pages nothing would shrink.
        Path plain = dir.resolve("zeros.bin");
        Files.write(plain, new byte[600_000]);
        int layer = newLayer();
        store.store(layer, plain);
        long oid = contentOid(layer);
        assertEquals(List.of("lz4"), queryStrings("SELECT DISTINCT pg_column_compression(data) FROM pg_largeobject "
                + "WHERE loid = " + oid + " AND pg_column_compression(data) IS NOT NULL"));
        Path copy = dir.resolve("zeros-copy.bin");
        store.copyTo(layer, copy, FetchListener.NONE, () -> false);
        assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(copy));
        // SET LOCAL: the pooled connection goes back with the server's default.
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(queryStrings("SELECT reset_val FROM pg_settings "
                    + "WHERE name = 'default_toast_compression'").get(0)), queryStrings("SHOW default_toast_compression"));
        }
    }

    private List<String> queryStrings(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<String> values = new java.util.ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    @Test
    void replacingOrDeletingTheFileUnlinksItsLargeObject() throws Exception {
        int layer = newLayer();
        store.store(layer, TestRasters.real("django_raster_test.tif"));
        long first = contentOid(layer);
        assertTrue(largeObjectExists(first));

        store.store(layer, TestRasters.real("opengeos_dsm.tif"));
        long second = contentOid(layer);
        assertFalse(largeObjectExists(first), "the replaced file's large object is unlinked");
        assertEquals("opengeos_dsm.tif", store.find(layer).orElseThrow().name());

        assertTrue(store.delete(layer));
        assertFalse(largeObjectExists(second));
        assertTrue(store.find(layer).isEmpty());
        assertFalse(store.delete(layer));
    }

    @Test
    void deletingTheLayerAsDjangoDoesRemovesTheStoredBytes() throws Exception {
        int layer = newLayer();
        store.store(layer, TestRasters.real("django_raster_test.tif"));
        long oid = contentOid(layer);
        execute("DELETE FROM raster_rasterlayer WHERE id = " + layer);
        assertTrue(store.find(layer).isEmpty());
        assertFalse(largeObjectExists(oid));
    }

    @Test
    void cancelledStoreLeavesNothingBehind() throws Exception {
        int layer = newLayer();
        long before = largeObjectCount();
        AtomicInteger chunks = new AtomicInteger();
        assertThrows(ParseCancelledException.class, () -> store.store(layer, TestRasters.real("RGB.byte.tif"),
                FetchListener.NONE, () -> chunks.incrementAndGet() > 2));
        assertTrue(store.find(layer).isEmpty());
        assertEquals(before, largeObjectCount());
    }

    @Test
    void veryLargeFileCanBeKeptByPathOnly() throws Exception {
        Path tif = TestRasters.real("gpm_1d.20240617.tif");
        int layer = newLayer();
        StoredFile stored = store.keepPathOnly(layer, tif);
        assertFalse(stored.inDatabase());
        assertEquals(tif, store.find(layer).orElseThrow().path());
        assertNull(stored.sha256());
        SourceException e = assertThrows(SourceException.class,
                () -> store.copyTo(layer, dir.resolve("x.tif"), FetchListener.NONE, () -> false));
        assertEquals("Layer " + layer + " keeps only the path of its file gpm_1d.20240617.tif, not its bytes.",
                e.getMessage());
    }

    /** A 200 MB file goes in and out through a JVM with a 40 MB heap: nothing holds the whole file. */
    @Test
    @Tag("slow")
    void storeAndCopyStreamWithBoundedMemory() throws Exception {
        Path big = dir.resolve("big.bin");
        writePseudoRandom(big, 200);
        Path back = dir.resolve("back.bin");
        int layer = newLayer();
        ConnectionSettings s = TestDatabase.shared().settings();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx40m", "-cp", classPath, StoreThroughSmallHeap.class.getName(), s.jdbcUrl(), s.user(),
                s.password() == null ? "" : s.password(), Integer.toString(layer), big.toString(), back.toString()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), output);
        System.out.println("200 MB into and out of the database with -Xmx40m: " + output.strip());
        assertEquals(sha256(big), sha256(back));
        assertEquals(sha256(big), store.find(layer).orElseThrow().sha256());
        store.delete(layer);
    }

    static void writePseudoRandom(Path file, int megabytes) throws IOException {
        byte[] block = new byte[1024 * 1024];
        long x = 0x9E3779B97F4A7C15L;
        try (var out = Files.newOutputStream(file)) {
            for (int m = 0; m < megabytes; m++) {
                for (int i = 0; i < block.length; i += 8) {
                    x ^= x << 13;
                    x ^= x >>> 7;
                    x ^= x << 17;
                    for (int b = 0; b < 8; b++) {
                        block[i + b] = (byte) (x >>> (8 * b));
                    }
                }
                out.write(block);
            }
        }
    }

    static String sha256(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static int newLayer(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO raster_rasterlayer (name, datatype, source_url,"
                     + " build_pyramid, next_higher, store_reprojected, modified)"
                     + " VALUES ('source test', 'co', '', true, true, true, now()) RETURNING id");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private int newLayer() throws SQLException {
        return newLayer(ds);
    }

    private long contentOid(int layer) throws SQLException {
        return queryLong("SELECT content FROM rasterdesk_sourcefile WHERE rasterlayer_id = " + layer);
    }

    private boolean largeObjectExists(long oid) throws SQLException {
        return queryLong("SELECT count(*) FROM pg_largeobject_metadata WHERE oid = " + oid) == 1;
    }

    private long largeObjectCount() throws SQLException {
        return queryLong("SELECT count(*) FROM pg_largeobject_metadata");
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); var st = c.createStatement()) {
            st.execute(sql);
        }
    }
}

package org.rasterdesk.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;
import org.rasterdesk.db.BackendCpu;

/**
 * Keeps the files uploaded to layers in rasterdesk_sourcefile, their bytes in a PostgreSQL large object written
 * and read in chunks, so that a file of any size passes through a small buffer and any machine can parse the layer.
 */
public final class SourceFileStore {

    private static final int CHUNK = 256 * 1024;
    /** raster_rasterlayer.rasterfile is a varchar(100), as Django's FileField made it. */
    private static final int DJANGO_NAME_MAX = 100;
    private static final String PREFIX = "rasters/";

    private final DataSource dataSource;
    private final String kind;

    /** The store of the files uploaded to layers. */
    public SourceFileStore(DataSource dataSource) {
        this(dataSource, "source");
    }

    private SourceFileStore(DataSource dataSource, String kind) {
        this.dataSource = dataSource;
        this.kind = kind;
    }

    /** The store of the layers' reprojected copies (EPSG:3857 GeoTIFFs), kept the same way as uploads. */
    public static SourceFileStore reprojected(DataSource dataSource) {
        return new SourceFileStore(dataSource, "reprojected");
    }

    /** The store of a mosaic layer's file at a position (1 for the first), kept the same way as uploads. */
    public static SourceFileStore mosaicPart(DataSource dataSource, int position) {
        return new SourceFileStore(dataSource, MosaicFiles.partKind(position));
    }

    /**
     * The store of a file being added to a mosaic layer at a position: not yet one of its parts (see
     * {@link MosaicFiles#stageAddition}) until the parse that adds it has finished.
     */
    public static SourceFileStore mosaicAddition(DataSource dataSource, int position) {
        return new SourceFileStore(dataSource, MosaicFiles.additionKind(position));
    }

    /**
     * The value for raster_rasterlayer.rasterfile that Django would give this upload: {@code rasters/<name>} with
     * Django's file name cleaning (spaces to underscores, only letters, digits, '-', '_' and '.'), cut to fit.
     */
    public static String djangoFileName(Path file) {
        String name = SafeFileName.of(file.getFileName().toString());
        int room = DJANGO_NAME_MAX - PREFIX.length();
        if (name.length() > room) {
            int dot = name.lastIndexOf('.');
            String ext = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
            name = name.substring(0, room - ext.length()) + ext;
        }
        return PREFIX + name;
    }

    /** Stores the file's bytes for the layer (whose row must exist), replacing what was kept before. */
    public StoredFile store(int rasterLayerId, Path file) throws IOException, SQLException {
        try {
            return store(rasterLayerId, file, FetchListener.NONE, () -> false);
        } catch (ParseCancelledException e) {
            throw new IllegalStateException("not cancellable", e);
        }
    }

    /** Stores the file's bytes, telling progress; a cancel rolls the whole store back. */
    public StoredFile store(int rasterLayerId, Path file, FetchListener listener, BooleanSupplier cancelled)
            throws IOException, SQLException, ParseCancelledException {
        return store(rasterLayerId, file, listener, cancelled, nanos -> { });
    }

    /**
     * As above, telling {@code serverCpu} the CPU time the database's server process spent on it when that runs on
     * this machine (for benchmarks).
     */
    public StoredFile store(int rasterLayerId, Path file, FetchListener listener, BooleanSupplier cancelled,
                            LongConsumer serverCpu)
            throws IOException, SQLException, ParseCancelledException {
        return store(rasterLayerId, file.getFileName().toString(), Files.size(file), out -> {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[CHUNK];
                int n;
                while ((n = in.readNBytes(buffer, 0, CHUNK)) > 0) {
                    out.write(buffer, 0, n);
                }
            }
        }, listener, cancelled, serverCpu);
    }

    /**
     * Stores a raster as it is kept: alone, or zipped with its side files, the zip made as it is stored (see
     * {@link SideFileZip}).
     */
    StoredFile store(int rasterLayerId, SideFileZip upload, FetchListener listener, BooleanSupplier cancelled,
                     LongConsumer serverCpu) throws IOException, SQLException, ParseCancelledException {
        if (upload.alone()) {
            return store(rasterLayerId, upload.raster(), listener, cancelled, serverCpu);
        }
        return store(rasterLayerId, upload.storedName(), upload.inputBytes(), upload::writeTo, listener, cancelled,
                serverCpu);
    }

    /** Writes the bytes to be stored. */
    @FunctionalInterface
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Stores the bytes {@code content} writes under {@code name}, in one transaction that a failure or a cancel rolls
     * back.
     *
     * @param expectedBytes the size told to the listener before the end
     */
    private StoredFile store(int rasterLayerId, String name, long expectedBytes, Content content,
                             FetchListener listener, BooleanSupplier cancelled, LongConsumer serverCpu)
            throws IOException, SQLException, ParseCancelledException {
        MessageDigest sha = sha256();
        ProgressMeter meter = new ProgressMeter(listener, "Storing", name, expectedBytes);
        try (Connection c = dataSource.getConnection()) {
            Optional<BackendCpu> server = BackendCpu.of(c);
            long serverBefore = server.map(BackendCpu::nanos).orElse(0L);
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                compressPagesWithLz4(c);
                LargeObjectManager lom = c.unwrap(PGConnection.class).getLargeObjectAPI();
                long oid = lom.createLO(LargeObjectManager.READWRITE);
                try (LargeObject lo = lom.open(oid, LargeObjectManager.WRITE)) {
                    LargeObjectOutput out = new LargeObjectOutput(lo, sha, meter, cancelled);
                    try {
                        content.writeTo(out);
                        out.flush();
                    } catch (LargeObjectOutput.Stopped e) {
                        e.rethrow();
                    }
                }
                meter.total(meter.done());
                StoredFile stored = upsert(c, rasterLayerId, name, meter.done(),
                        HexFormat.of().formatHex(sha.digest()), oid, null);
                c.commit();
                meter.report();
                server.ifPresent(m -> serverCpu.accept(m.nanos() - serverBefore));
                return stored;
            } catch (SQLException | IOException | ParseCancelledException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * Bytes into a large object in chunks of {@link #CHUNK}, summed as they go, a cancel looked at after each chunk.
     * The database's failures and a cancel pass through the writer (which knows only I/O failures) as
     * {@link Stopped}.
     */
    private static final class LargeObjectOutput extends OutputStream {

        /** A failure of the database or a cancel, carried through the writer. */
        static final class Stopped extends IOException {

            private final transient Exception cause;

            Stopped(Exception cause) {
                super(cause);
                this.cause = cause;
            }

            void rethrow() throws SQLException, ParseCancelledException {
                if (cause instanceof SQLException e) {
                    throw e;
                }
                throw (ParseCancelledException) cause;
            }
        }

        private final LargeObject lo;
        private final MessageDigest sha;
        private final ProgressMeter meter;
        private final BooleanSupplier cancelled;
        private final byte[] buffer = new byte[CHUNK];
        private int filled;

        LargeObjectOutput(LargeObject lo, MessageDigest sha, ProgressMeter meter, BooleanSupplier cancelled) {
            this.lo = lo;
            this.sha = sha;
            this.meter = meter;
            this.cancelled = cancelled;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == 0 && len >= CHUNK) {
                    // A whole chunk goes as it is, without a copy.
                    send(b, off, CHUNK);
                    off += CHUNK;
                    len -= CHUNK;
                    continue;
                }
                int n = Math.min(len, CHUNK - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == CHUNK) {
                    send(buffer, 0, CHUNK);
                    filled = 0;
                }
            }
        }

        @Override
        public void flush() throws IOException {
            if (filled > 0) {
                send(buffer, 0, filled);
                filled = 0;
            }
        }

        private void send(byte[] b, int off, int len) throws IOException {
            try {
                lo.write(b, off, len);
            } catch (SQLException e) {
                throw new Stopped(e);
            }
            sha.update(b, off, len);
            meter.add(len);
            if (cancelled.getAsBoolean()) {
                throw new Stopped(new ParseCancelledException());
            }
        }
    }

    /**
     * For this transaction only, the pages of the large object are compressed with lz4 where the server has it
     * (PostgreSQL 14 and later, built with lz4): pg_largeobject's column follows default_toast_compression, pglz
     * by default. A raster file is mostly compressed already, and pglz tries hard before it gives up on each 2 KB
     * page: it was 4 % of the embedded server's CPU in a Lisbon benchmark parse, where lz4 gives up at once.
     * A server without lz4 keeps its own setting.
     */
    private static void compressPagesWithLz4(Connection c) throws SQLException {
        try (java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT 1 FROM pg_settings "
                     + "WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)")) {
            if (!rs.next()) {
                return;
            }
        }
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("SET LOCAL default_toast_compression = lz4");
        }
    }

    /** Keeps only the path of a file every machine reaches (a shared disk), for files too large for the database. */
    public StoredFile keepPathOnly(int rasterLayerId, Path path) throws IOException, SQLException {
        Path absolute = path.toAbsolutePath();
        long size = Files.size(absolute);
        try (Connection c = dataSource.getConnection()) {
            return upsert(c, rasterLayerId, absolute.getFileName().toString(), size, null, null, absolute);
        }
    }

    public Optional<StoredFile> find(int rasterLayerId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name, size, sha256, path, created"
                     + " FROM rasterdesk_sourcefile WHERE rasterlayer_id = ? AND kind = ?")) {
            ps.setInt(1, rasterLayerId);
            ps.setString(2, kind);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String path = rs.getString(4);
                return Optional.of(new StoredFile(rasterLayerId, rs.getString(1), rs.getLong(2), rs.getString(3),
                        path == null ? null : Path.of(path), rs.getTimestamp(5).toInstant()));
            }
        }
    }

    /**
     * Copies the stored bytes of the layer into {@code target}, streamed.
     *
     * @throws SourceException when nothing is stored for the layer, or only a path is
     */
    public void copyTo(int rasterLayerId, Path target, FetchListener listener, BooleanSupplier cancelled)
            throws IOException, SQLException, ParseCancelledException {
        withStored(rasterLayerId, (name, size, lo) -> {
            ProgressMeter meter = new ProgressMeter(listener, "Reading", name + " from the database", size);
            try (OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[CHUNK];
                int n;
                while ((n = lo.read(buffer, 0, CHUNK)) > 0) {
                    out.write(buffer, 0, n);
                    meter.add(n);
                    if (cancelled.getAsBoolean()) {
                        throw new ParseCancelledException();
                    }
                }
            }
            meter.report();
            return null;
        });
    }

    /** A stored file's bytes, read where they are asked for, without copying the file whole. */
    public interface StoredBytes {

        /** The file's size in bytes. */
        long size();

        /** Up to {@code count} bytes at {@code offset} (fewer only at the file's end). */
        byte[] read(long offset, int count) throws IOException;
    }

    /** Reads what it needs of a stored file. */
    @FunctionalInterface
    public interface StoredRead<T> {
        T read(StoredBytes bytes) throws IOException;
    }

    /**
     * Lets {@code reader} read the stored bytes of the layer's file at any offset (a header, say), in one
     * transaction, without copying the file out.
     *
     * @throws SourceException when nothing is stored for the layer, or only a path is
     */
    public <T> T read(int rasterLayerId, StoredRead<T> reader) throws IOException, SQLException {
        try {
            return withStored(rasterLayerId, (name, size, lo) -> reader.read(new StoredBytes() {
                @Override
                public long size() {
                    return size;
                }

                @Override
                public byte[] read(long offset, int count) throws IOException {
                    try {
                        lo.seek64(offset, LargeObject.SEEK_SET);
                        byte[] bytes = new byte[count];
                        int n = 0;
                        while (n < count) {
                            int r = lo.read(bytes, n, count - n);
                            if (r <= 0) {
                                break;
                            }
                            n += r;
                        }
                        return n == count ? bytes : java.util.Arrays.copyOf(bytes, n);
                    } catch (SQLException e) {
                        throw new IOException("Reading the stored file failed: " + e.getMessage(), e);
                    }
                }
            }));
        } catch (ParseCancelledException e) {
            throw new IllegalStateException("a read of stored bytes cannot be cancelled", e);
        }
    }

    /** What is done with a stored file's large object, opened for reading. */
    @FunctionalInterface
    private interface LargeObjectUse<T> {
        T use(String name, long size, LargeObject lo) throws IOException, SQLException, ParseCancelledException;
    }

    /**
     * Opens the layer's stored file for {@code use}, in a transaction of its own (large objects can only be read
     * inside one), rolled back afterwards.
     *
     * @throws SourceException when nothing is stored for the layer, or only a path is
     */
    private <T> T withStored(int rasterLayerId, LargeObjectUse<T> use)
            throws IOException, SQLException, ParseCancelledException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT name, size, content"
                    + " FROM rasterdesk_sourcefile WHERE rasterlayer_id = ? AND kind = ?")) {
                ps.setInt(1, rasterLayerId);
                ps.setString(2, kind);
                String name;
                long size;
                long oid;
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SourceException("No file is stored in the database for layer " + rasterLayerId
                                + ".");
                    }
                    name = rs.getString(1);
                    size = rs.getLong(2);
                    oid = rs.getLong(3);
                    if (rs.wasNull()) {
                        throw new SourceException("Layer " + rasterLayerId + " keeps only the path of its file "
                                + name + ", not its bytes.");
                    }
                }
                LargeObjectManager lom = c.unwrap(PGConnection.class).getLargeObjectAPI();
                try (LargeObject lo = lom.open(oid, LargeObjectManager.READ)) {
                    return use.use(name, size, lo);
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** Forgets the layer's file; its large object is unlinked by the table's trigger. */
    public boolean delete(int rasterLayerId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "DELETE FROM rasterdesk_sourcefile WHERE rasterlayer_id = ? AND kind = ?")) {
            ps.setInt(1, rasterLayerId);
            ps.setString(2, kind);
            return ps.executeUpdate() > 0;
        }
    }

    private StoredFile upsert(Connection c, int rasterLayerId, String name, long size, String sha256,
                                     Long oid, Path path) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rasterdesk_sourcefile"
                + " (rasterlayer_id, name, size, sha256, content, path, kind, created)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, now())"
                + " ON CONFLICT (rasterlayer_id, kind) DO UPDATE SET name = EXCLUDED.name, size = EXCLUDED.size,"
                + " sha256 = EXCLUDED.sha256, content = EXCLUDED.content, path = EXCLUDED.path,"
                + " created = EXCLUDED.created RETURNING created")) {
            ps.setInt(1, rasterLayerId);
            ps.setString(2, name);
            ps.setLong(3, size);
            ps.setString(4, sha256);
            ps.setObject(5, oid, java.sql.Types.BIGINT);
            ps.setString(6, path == null ? null : path.toString());
            ps.setString(7, kind);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp created = rs.getTimestamp(1);
                return new StoredFile(rasterLayerId, name, size, sha256, path, created.toInstant());
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

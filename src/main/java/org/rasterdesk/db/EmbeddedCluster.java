package org.rasterdesk.db;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A private PostgreSQL + PostGIS cluster in a folder of RasterDesk's own, started from the system's server
 * programs on a free loopback port. Several RasterDesk processes share one running cluster; when the last one
 * leaves, the server stops at once or, with an idle time, once nobody used it for that long ({@link IdleShutdown}).
 */
public final class EmbeddedCluster {

    public static final String DATABASE = "rasterdesk";
    static final String SUPERUSER = "rasterdesk";
    static final String APPLICATION_NAME = "RasterDesk";
    static final String START_LOCK = "cluster.lock";
    /** The process id of the server whose database and extensions were made sure of. */
    private static final String READY_FILE = "database-ready";
    /** Seconds the server of the user's cluster stays up after the last RasterDesk process left it; 0 stops it. */
    public static final String IDLE_VARIABLE = "RASTERDESK_DB_IDLE";
    /**
     * Five minutes: starting the server took 1.6 s of every command (more than the whole parse of a small raster),
     * and a few minutes cover a user's run of commands or a script's; an idle server costs no CPU.
     */
    static final java.time.Duration DEFAULT_IDLE = java.time.Duration.ofMinutes(5);

    private static final Logger LOG = Logger.getLogger(EmbeddedCluster.class.getName());

    private final Path baseDir;
    private final boolean throwaway;
    private final PostgresInstallation installation;
    private final CommandRunner runner;
    /** Where a port for a new server comes from: a free one; a test hands out a taken one first. */
    PortSource ports = EmbeddedCluster::freePort;

    /** A loopback port to start a server on. */
    @FunctionalInterface
    interface PortSource {
        int next() throws IOException;
    }

    /**
     * @param baseDir   the folder that holds the cluster (created when missing)
     * @param throwaway trade durability for speed (fsync off), for tests and scratch work
     */
    public EmbeddedCluster(Path baseDir, boolean throwaway, PostgresInstallation installation) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.throwaway = throwaway;
        this.installation = installation;
        this.runner = CommandRunner.forCurrentUser();
    }

    /** The cluster in the user's data folder (see {@link org.rasterdesk.system.AppPaths#dataDir()}). */
    public static Path defaultBaseDir() {
        return org.rasterdesk.system.AppPaths.dataDir().resolve("cluster");
    }

    public Path baseDir() {
        return baseDir;
    }

    Path serverDir() {
        return baseDir.resolve("server");
    }

    Path dataDir() {
        return serverDir().resolve("data");
    }

    private Path logFile() {
        return serverDir().resolve("postgres.log");
    }

    private Path credentialsFile() {
        return baseDir.resolve("credentials.properties");
    }

    public boolean isInitialized() {
        return Files.exists(dataDir().resolve("PG_VERSION")) && Files.exists(credentialsFile());
    }

    /**
     * Starts the cluster, or joins it when another process already runs it, creating it on first use.
     *
     * @return how to connect to its database
     */
    public ConnectionSettings start() throws IOException {
        if (!installation.hasPostgis()) {
            throw new IOException("PostGIS is not installed for PostgreSQL " + installation.majorVersion()
                    + " (install the Debian packages: " + installation.postgisPackages() + ")");
        }
        Files.createDirectories(baseDir);
        try (FileChannel lockChannel = FileChannel.open(baseDir.resolve(START_LOCK),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            if (!isInitialized()) {
                initialize();
            }
            Properties credentials = readCredentials();
            Optional<Integer> runningPort = runningPort();
            int port;
            if (runningPort.isPresent()) {
                port = runningPort.get();
                LOG.info("Joining the running cluster in " + baseDir + " on port " + port);
            } else {
                port = launchOnAFreePort();
            }
            ConnectionSettings settings = settings(port, credentials);
            // Once per server: two logins fewer for every command that finds the server up.
            String server = serverPid();
            if (server.isEmpty() || !server.equals(readyFor())) {
                ensureDatabase(settings, credentials);
                Files.writeString(baseDir.resolve(READY_FILE), server);
            }
            // Under the start lock: an idle stop cannot come between the server's start and this process's use.
            ClusterUsers.join(baseDir);
            return settings;
        }
    }

    /**
     * How long the user's server stays up after the last RasterDesk process left it: {@value #IDLE_VARIABLE}
     * seconds when set (0 stops it when the last one leaves), else {@link #DEFAULT_IDLE}.
     */
    public static java.time.Duration idleTime() {
        String setting = System.getenv(IDLE_VARIABLE);
        if (setting != null && setting.strip().matches("[0-9]{1,9}")) {
            return java.time.Duration.ofSeconds(Long.parseLong(setting.strip()));
        }
        return DEFAULT_IDLE;
    }

    /**
     * Ends this process's use of a cluster it {@link #start() started or joined}. The server keeps running for
     * {@code idle} after the last user left, watched by an {@link IdleShutdown} process; with no idle time, or when
     * no such process can be started (a runtime without a {@code java} program), it stops now unless others use it.
     */
    public void leave(java.time.Duration idle) throws IOException {
        ClusterUsers.leave(baseDir);
        if (idle.isZero() || idle.isNegative() || !watchIdle(idle)) {
            stopIfUnused();
        }
    }

    /** Makes sure an {@link IdleShutdown} process watches this cluster; false when none could be started. */
    private boolean watchIdle(java.time.Duration idle) {
        try {
            if (!isRunning()) {
                return true;
            }
            if (IdleShutdown.isWatched(baseDir)) {
                return true;
            }
            List<String> program = watcherProgram();
            if (program.isEmpty()) {
                return false;
            }
            List<String> command = new java.util.ArrayList<>();
            // Its own session: closing the terminal the command ran in must not end the watcher with it.
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                command.add("/usr/bin/setsid");
            }
            command.addAll(program);
            command.addAll(List.of(baseDir.toString(), Long.toString(Math.max(1, idle.toSeconds())),
                    installation.binDir().toString(), Integer.toString(installation.majorVersion())));
            new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(baseDir.resolve("idle-stop.log").toFile())
                    .redirectErrorStream(true)
                    .start();
            LOG.info("The database server stays up for " + idle.toSeconds() + " s after its last use ("
                    + IDLE_VARIABLE + ")");
            return true;
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            LOG.warning("Cannot watch the database server for its idle stop, stopping it now: " + e.getMessage());
            return false;
        }
    }

    /** Whether a server of this cluster runs now. */
    public boolean isRunning() {
        return runningPort().isPresent();
    }

    /**
     * Stops the server unless other RasterDesk processes still use it. Call it after closing this process's own
     * connections.
     *
     * @return whether the server was stopped
     */
    public boolean stopIfUnused() throws IOException {
        Optional<Integer> port = runningPort();
        if (port.isEmpty()) {
            return false;
        }
        Properties credentials = readCredentials();
        ConnectionSettings settings = settings(port.get(), credentials);
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl() + "?ApplicationName=RasterDesk-exit",
                settings.user(), settings.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                     + APPLICATION_NAME + "' AND pid <> pg_backend_pid()")) {
            rs.next();
            if (rs.getInt(1) > 0) {
                LOG.info("Leaving the cluster running: " + rs.getInt(1) + " connections of other RasterDesk processes");
                return false;
            }
        } catch (SQLException e) {
            LOG.warning("Cannot ask the cluster who uses it, stopping it: " + e.getMessage());
        }
        stop();
        return true;
    }

    /**
     * Restarts the server as an administrator does ({@code pg_ctl restart -m fast}): every session ends; clients
     * that reconnect find it again on the same port.
     */
    public void restart() throws IOException {
        CommandRunner.Result r = runner.run(180, serverDir(), serverEnvironment(),
                installation.program("pg_ctl").toString(), "restart", "-D", dataDir().toString(),
                "-l", logFile().toString(), "-m", "fast", "-w", "-t", "120");
        if (!r.ok()) {
            throw new IOException("The database server did not restart: " + lastLines(r.output()));
        }
    }

    /** Stops the server whoever uses it. */
    public void stop() throws IOException {
        if (!Files.exists(dataDir().resolve("postmaster.pid"))) {
            return;
        }
        CommandRunner.Result r = runner.run(120, serverDir(), installation.program("pg_ctl").toString(),
                "stop", "-D", dataDir().toString(), "-m", "fast", "-w", "-t", "60");
        if (!r.ok() && isRunning()) {
            throw new IOException("The database server did not stop: " + r.output());
        }
    }

    private void initialize() throws IOException {
        LOG.info("Creating a PostgreSQL " + installation.majorVersion() + " cluster in " + baseDir);
        runner.ownDirectory(serverDir());
        if (!runner.canWrite(serverDir())) {
            throw new IOException("The database server's user " + runner.runAsUser() + " cannot write into "
                    + serverDir() + " (a parent folder is closed to it); choose a data folder it can reach");
        }
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Path pwFile = serverDir().resolve("initdb.pw");
        Files.writeString(pwFile, password + "\n", StandardCharsets.UTF_8);
        runner.chown(pwFile);
        try {
            CommandRunner.Result r = runner.run(300, serverDir(), installation.program("initdb").toString(),
                    "-D", dataDir().toString(), "-U", SUPERUSER, "--pwfile=" + pwFile,
                    "-A", "scram-sha-256", "-E", "UTF8", "--no-locale");
            if (!r.ok()) {
                throw new IOException("initdb failed: " + lastLines(r.output()));
            }
        } finally {
            Files.deleteIfExists(pwFile);
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", SUPERUSER);
        credentials.setProperty("password", password);
        Path file = credentialsFile();
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var out = Files.newBufferedWriter(file)) {
            credentials.store(out, "RasterDesk embedded cluster login");
        }
    }

    /**
     * Starts the server on a port free a moment before. Another program may bind it in between (other clusters
     * start beside this one, and every outgoing connection takes a port of the same range): the server then
     * cannot listen, and a port looked for again is tried.
     */
    private int launchOnAFreePort() throws IOException {
        for (int attempt = 1; ; attempt++) {
            int port = ports.next();
            try {
                launch(port);
                return port;
            } catch (PortTakenException e) {
                if (attempt == 3) {
                    throw e;
                }
                LOG.info("Port " + port + " was taken before the database server could listen on it; another");
            }
        }
    }

    /**
     * glibc's malloc settings of the server's processes. A tile is a value of 256 KB or more (262 KB of WKB for 256²
     * Float32), and each insert allocates several blocks of that size (the message, the raster, the tuple, the
     * compressed copy) and frees them again. With glibc's defaults (a threshold that adapts to what was freed
     * before) the tile writer's backend sometimes got these blocks fresh from the system for every tile: perf of such
     * a Lisbon benchmark parse showed a third of the backend's CPU in page faults, brk and the zeroing of new pages
     * under heap_form_tuple. Here blocks up to 8 MB come from the heap and up to 32 MB freed stays in it, whatever
     * came before. Without these settings the writer's CPU for the same 4,065 tiles was 9.2-13.1 s in 7 of
     * 11 parses and 4.4-5.5 s in the others; with them 3.9-6.6 s in all 12 (a shared machine, load 4-26). A backend
     * keeps at most those 32 MB free; only this cluster's server gets them (a user's own PostgreSQL is left as its
     * administrator runs it). A variable the user set comes after ours, and wins.
     */
    static java.util.Map<String, String> serverEnvironment() {
        String ours = "glibc.malloc.mmap_threshold=8388608:glibc.malloc.trim_threshold=33554432";
        String theirs = System.getenv("GLIBC_TUNABLES");
        return java.util.Map.of("GLIBC_TUNABLES", theirs == null || theirs.isBlank() ? ours : ours + ":" + theirs);
    }

    /**
     * Settings of this cluster's server where PostgreSQL's defaults (made for a server of many clients) cost a
     * desktop's parse of gigabytes; only this cluster's server gets them.
     *
     * <p>{@code max_wal_size=2GB}: a checkpoint starts once max_wal_size / (1 + checkpoint_completion_target) of WAL
     * was written since the last, 540 MB with the default 1 GB, and the Lisbon benchmark raster's parse writes 650 MB
     * of WAL: every such parse started a checkpoint in its middle, whose writes and fsyncs of the data files competed
     * with the parse's own, and after which the first change of every page logged the whole page (282 full-page
     * images in the WAL of one parse against 44 without). With 2 GB a parse of up to about 1 GB of WAL runs without
     * one. The price is disk: pg_wal may hold up to 2 GB instead of 1 GB, and a crash of the machine replays up to
     * twice as much WAL at the next start. checkpoint_timeout stays at its 5 minutes, so that a few idle minutes after
     * a parse end with its checkpoint.
     *
     * <p>Commits keep waiting for the disk (synchronous_commit): a parse that rides out a server crash goes on from
     * the tiles its committed batches hold, which a commit that did not wait could lose without the parse knowing.
     * Only its progress lines, which the final transaction stores again, are committed without waiting.
     *
     * <p>shared_buffers stays at PostgreSQL's 128 MB although a parse of the Lisbon benchmark raster writes 580 MB of
     * tiles through it. A larger pool spares the tile writer's session the writes of the pages it evicts (14 % of its
     * CPU with 128 MB, 4 % with 512 MB, none with 1 GB), but the session, new for every parse, then touches that much
     * more shared memory, faulting it in 4 KB at a time (4 % of its CPU with 128 MB, 13 % with 512 MB, 19 % with 1 GB
     * on a server started for the parse, which also zeroes it): its CPU for the tiles was 7.8-9.7 s with 512 MB
     * against 4.8-7.0 s with 128 MB in alternate parses (a shared machine, load 10-22), and the checkpoint after it
     * wrote the 512 MB it left dirty. Huge pages would make those faults cheap, but they need an administrator's
     * reservation. Nothing else helps the writer either: a TOAST chunk is inserted without a bulk-insert
     * ring in every kind of insert, so no ring writes out pages early; the WAL buffers (4 MB with 128 MB) never left
     * the writer any WAL to write itself; wal_compression compresses only full-page images, a few dozen in a parse
     * of 650 MB of WAL; and PostgreSQL 15 extends a file by one zeroed page per write whatever is set (12-18 % of
     * the writer's CPU).
     */
    static java.util.Map<String, String> serverSettings() {
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("max_wal_size", "2048MB");
        return settings;
    }

    /** The server did not start because another program listens on its port. */
    private static final class PortTakenException extends IOException {
        PortTakenException(String message) {
            super(message);
        }
    }

    private void launch(int port) throws IOException {
        Path pidFile = dataDir().resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            // A crash (of the machine or a kill -9) leaves it behind; the server refuses to start while its pid
            // belongs to a live process, which after a reboot may be any program.
            LOG.warning("Removing the stale " + pidFile + " of a server that no longer runs");
            runner.run(30, null, "rm", "-f", pidFile.toString());
        }
        // TCP on loopback only; no unix socket, whose path length limit a deep data folder would exceed.
        StringBuilder options = new StringBuilder("-p " + port)
                .append(" -c listen_addresses=127.0.0.1 -c unix_socket_directories=''");
        if (throwaway) {
            options.append(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }
        serverSettings().forEach((name, value) -> options.append(" -c ").append(name).append('=').append(value));
        String preload = installation.postgisLibraries();
        if (!preload.isEmpty()) {
            // Loaded once by the server instead of by each session that first touches a raster: postgis_raster
            // links GDAL and PROJ, and loading it took about 0.2 s of CPU in every new session. A parse's writer and
            // its final transaction (whose UPDATE of the tiles feeds the GiST index on ST_ConvexHull) each paid it,
            // while the command waited: 0.7-1.7 s of a small parse's 1.9-5.2 s under load. In exchange every
            // session's fork and exit cost more (a larger process to copy and to tear down, ~0.1 s of the server's
            // CPU a session), so commands open as few sessions as they can (Database.open).
            options.append(" -c shared_preload_libraries=").append(preload);
        }
        CommandRunner.Result r = runner.run(180, serverDir(), serverEnvironment(),
                installation.program("pg_ctl").toString(), "start", "-D", dataDir().toString(),
                "-l", logFile().toString(), "-w", "-t", "120", "-o", options.toString());
        if (!r.ok()) {
            String log = readLog();
            String message = "The database server did not start: " + lastLines(r.output()) + " " + lastLines(log);
            // The log's last lines: "could not bind ...: Address already in use" may be above them, the FATAL not.
            if (log.contains("Address already in use") || log.contains("could not create any TCP/IP sockets")) {
                throw new PortTakenException(message);
            }
            throw new IOException(message);
        }
    }

    private String readLog() {
        try {
            return new CommandRunner(null).run(10, null, "tail", "-n", "5", logFile().toString()).output();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * How to start {@link IdleShutdown}: this runtime's java with a small heap, or (in the installed program, whose
     * runtime has no java command) the program's own launcher; empty when neither is there.
     */
    private static List<String> watcherProgram() throws java.net.URISyntaxException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(java)) {
            Path classes = Path.of(IdleShutdown.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return List.of(java.toString(), "-Xmx16m", "-Xss256k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", classes.toString(), IdleShutdown.class.getName());
        }
        String app = System.getProperty("jpackage.app-path");
        if (app != null && Files.isExecutable(Path.of(app))) {
            return List.of(app, IdleShutdown.ARGUMENT);
        }
        return List.of();
    }

    /** The process id of the server, from its postmaster.pid; empty when there is none. */
    private String serverPid() {
        try {
            List<String> lines = Files.readAllLines(dataDir().resolve("postmaster.pid"));
            return lines.isEmpty() ? "" : lines.get(0).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private String readyFor() {
        try {
            return Files.readString(baseDir.resolve(READY_FILE)).trim();
        } catch (IOException e) {
            return null;
        }
    }

    /** The port of a live server of this cluster, read from its postmaster.pid and checked. */
    Optional<Integer> runningPort() {
        Path pidFile = dataDir().resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.size() < 4) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            boolean alive = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .flatMap(h -> h.info().command())
                    .map(cmd -> cmd.contains("postgres"))
                    .orElse(false);
            if (!alive) {
                return Optional.empty();
            }
            return answers(port) ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean answers(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Properties readCredentials() throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(credentialsFile())) {
            p.load(in);
        }
        return p;
    }

    private ConnectionSettings settings(int port, Properties credentials) {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
        return new ConnectionSettings(url, credentials.getProperty("user"), credentials.getProperty("password"),
                "embedded PostGIS (" + baseDir + ", port " + port + ")");
    }

    /** Creates the database and its PostGIS extensions the first time. */
    private void ensureDatabase(ConnectionSettings settings, Properties credentials) throws IOException {
        String admin = settings.jdbcUrl().replace("/" + DATABASE, "/postgres");
        try (Connection c = DriverManager.getConnection(admin, settings.user(), settings.password());
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    st.execute("CREATE DATABASE " + DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IOException("Cannot reach the embedded database server: " + e.getMessage(), e);
        }
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS postgis");
            st.execute("CREATE EXTENSION IF NOT EXISTS postgis_raster");
            String verifier;
            try (ResultSet rs = st.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = current_user")) {
                verifier = rs.next() ? rs.getString(1) : null;
            }
            if (ScramVerifier.iterations(verifier) != ScramVerifier.EMBEDDED_ITERATIONS) {
                // The same password, with a verifier that makes each login cheap (see ScramVerifier).
                st.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + ScramVerifier.of(settings.password(),
                        ScramVerifier.EMBEDDED_ITERATIONS, new SecureRandom()) + "'");
            }
        } catch (SQLException e) {
            throw new IOException("Cannot create the PostGIS extensions in the embedded database: "
                    + e.getMessage(), e);
        }
    }

    private static String lastLines(String text) {
        String[] lines = text.strip().split("\n");
        return String.join(" ", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 3), lines.length));
    }
}

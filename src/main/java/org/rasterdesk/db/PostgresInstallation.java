package org.rasterdesk.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The PostgreSQL server programs and PostGIS extension files found on this machine. */
public record PostgresInstallation(Path binDir, int majorVersion, boolean hasPostgis) {

    /**
     * What to install on Debian or Ubuntu when there is no server: the metapackages of the distribution's default
     * server and its PostGIS extension. (Debian's package {@code postgis} holds only the command-line programs.)
     */
    public static final String DEBIAN_PACKAGES = "postgresql postgresql-postgis";

    /**
     * Finds the newest server that has PostGIS, else the newest server at all. Debian keeps servers under
     * /usr/lib/postgresql/N/bin, N the major version, which needs no program run: every command finds the server, and
     * pg_config (a script that starts three more programs) and {@code postgres --version} (twice, pg_config naming
     * the same folder) took 0.8 s of a warm command's wall time on a loaded machine. Elsewhere pg_config tells, and
     * the server its version.
     */
    public static Optional<PostgresInstallation> find() {
        List<Optional<PostgresInstallation>> found = new java.util.ArrayList<>();
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.filter(v -> v.getFileName().toString().matches("[0-9]{1,4}"))
                        .filter(v -> isServer(v.resolve("bin")))
                        .forEach(v -> found.add(describe(v.resolve("bin"),
                                Integer.parseInt(v.getFileName().toString()))));
            } catch (IOException e) {
                // unreadable: fall through to pg_config
            }
        }
        if (found.isEmpty()) {
            pgConfigBinDir().filter(PostgresInstallation::isServer).map(PostgresInstallation::describe)
                    .ifPresent(found::add);
        }
        return found.stream().flatMap(Optional::stream)
                .max(Comparator.comparing(PostgresInstallation::hasPostgis)
                        .thenComparing(PostgresInstallation::majorVersion));
    }

    private static boolean isServer(Path bin) {
        return Files.isExecutable(bin.resolve("postgres")) && Files.isExecutable(bin.resolve("initdb"));
    }

    private static Optional<Path> pgConfigBinDir() {
        try {
            Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor() == 0 && !out.isEmpty() ? Optional.of(Path.of(out)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<PostgresInstallation> describe(Path bin) {
        try {
            Process p = new ProcessBuilder(bin.resolve("postgres").toString(), "--version")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(\\.\\d+)?").matcher(out);
            if (!m.find()) {
                return Optional.empty();
            }
            return describe(bin, Integer.parseInt(m.group(1)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<PostgresInstallation> describe(Path bin, int major) {
        return Optional.of(new PostgresInstallation(bin, major, postgisInstalledFor(bin, major)));
    }

    private static boolean postgisInstalledFor(Path bin, int major) {
        List<Path> shareDirs = List.of(
                Path.of("/usr/share/postgresql/" + major + "/extension"),
                bin.getParent().resolve("share/extension"),
                bin.getParent().resolve("share/postgresql/extension"));
        return shareDirs.stream().anyMatch(dir -> Files.exists(dir.resolve("postgis.control"))
                && Files.exists(dir.resolve("postgis_raster.control")));
    }

    /** The Debian or Ubuntu packages of the PostGIS extension (and its SQL scripts) for this server. */
    public String postgisPackages() {
        return "postgresql-" + majorVersion + "-postgis-3 postgresql-" + majorVersion + "-postgis-3-scripts";
    }

    /**
     * PostGIS's server libraries of this installation as a {@code shared_preload_libraries} value ("postgis-3,
     * postgis_raster-3"); empty when they are not both in its library folder (Debian's /usr/lib/postgresql/N/lib),
     * so that a server is never told to preload a file it cannot find, which it would refuse to start with.
     */
    public String postgisLibraries() {
        Path lib = binDir.getParent() == null ? null : binDir.getParent().resolve("lib");
        if (lib == null || !Files.isRegularFile(lib.resolve("postgis-3.so"))
                || !Files.isRegularFile(lib.resolve("postgis_raster-3.so"))) {
            return "";
        }
        return "postgis-3,postgis_raster-3";
    }

    public Path program(String name) {
        return binDir.resolve(name);
    }
}

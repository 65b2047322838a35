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
     * /usr/lib/postgresql/N/bin; elsewhere pg_config tells.
     */
    public static Optional<PostgresInstallation> find() {
        List<Path> candidates = new java.util.ArrayList<>();
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin")).forEach(candidates::add);
            } catch (IOException e) {
                // unreadable: fall through to pg_config
            }
        }
        pgConfigBinDir().ifPresent(candidates::add);
        return candidates.stream()
                .filter(bin -> Files.isExecutable(bin.resolve("postgres")) && Files.isExecutable(bin.resolve("initdb")))
                .map(PostgresInstallation::describe)
                .flatMap(Optional::stream)
                .max(Comparator.comparing(PostgresInstallation::hasPostgis)
                        .thenComparing(PostgresInstallation::majorVersion));
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
            int major = Integer.parseInt(m.group(1));
            return Optional.of(new PostgresInstallation(bin, major, postgisInstalledFor(bin, major)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
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

    public Path program(String name) {
        return binDir.resolve(name);
    }
}

package org.rasterdesk.ui.connection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rasterdesk.system.AppPaths;

/**
 * The databases the connection dialog connected to lately, newest first, in a small file of the user's config
 * folder. Passwords are never written there: a password in a connection string is cut out before saving.
 */
final class RecentDatabases {

    /** One remembered database as the dialog's fields held it; empty strings for fields left blank. */
    record Entry(String connectionString, String host, String port, String database, String user) {

        Entry {
            connectionString = withoutPassword(clean(connectionString));
            host = clean(host);
            port = clean(port);
            database = clean(database);
            user = clean(user);
        }

        /** What the recent list shows, and the key of a password kept in the keyring. */
        String label() {
            if (!host.isEmpty() || !database.isEmpty() || !user.isEmpty()) {
                String where = (host.isEmpty() ? "localhost" : host) + (port.isEmpty() ? "" : ":" + port);
                return (user.isEmpty() ? "" : user + "@") + where + "/" + database
                        + (connectionString.isEmpty() ? "" : "  (" + connectionString + ")");
            }
            return connectionString;
        }

        @Override
        public String toString() {
            return label();
        }

        private static String clean(String s) {
            // Tabs and line breaks are the file's separators.
            return s == null ? "" : s.strip().replaceAll("[\\t\\r\\n]", " ");
        }
    }

    static final int MAX_ENTRIES = 10;
    private static final Logger LOG = Logger.getLogger(RecentDatabases.class.getName());

    private final Path file;

    RecentDatabases(Path file) {
        this.file = file;
    }

    static RecentDatabases forCurrentUser() {
        return new RecentDatabases(AppPaths.configDir().resolve("recent-databases.tsv"));
    }

    /** The remembered databases, newest first; empty when the file is missing or unreadable. */
    List<Entry> load() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                if (f.length == 5) {
                    entries.add(new Entry(f[0], f[1], f[2], f[3], f[4]));
                }
            }
        } catch (IOException e) {
            LOG.log(Level.INFO, "Cannot read " + file, e);
        }
        return entries;
    }

    /** Puts the entry first, drops an equal older one and the oldest beyond {@value #MAX_ENTRIES}. */
    void remember(Entry entry) throws IOException {
        List<Entry> entries = load();
        entries.remove(entry);
        entries.add(0, entry);
        while (entries.size() > MAX_ENTRIES) {
            entries.remove(entries.size() - 1);
        }
        List<String> lines = new ArrayList<>();
        for (Entry e : entries) {
            lines.add(String.join("\t", e.connectionString(), e.host(), e.port(), e.database(), e.user()));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The connection string without a password: libpq's password=..., a URI's user:password@ and ?password=. */
    static String withoutPassword(String connectionString) {
        if (connectionString == null) {
            return "";
        }
        return connectionString
                .replaceAll("(?i)\\bpassword\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|[^\\s&]*)", "")
                .replaceAll("(?i)(postgres(?:ql)?://[^:/@?\\s]*):[^@/?\\s]*@", "$1@")
                .replaceAll("[?&]&+", "?")
                .replaceAll("[?&]$", "")
                .replaceAll("\\s{2,}", " ")
                .strip();
    }
}

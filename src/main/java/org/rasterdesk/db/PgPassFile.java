package org.rasterdesk.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A libpq password file ({@code ~/.pgpass}): lines of hostname:port:database:username:password where a field of
 * just {@code *} matches anything and {@code \:} or {@code \\} stand for a literal colon or backslash. The first
 * matching line wins. As psql 15 does: an escaped {@code \*} is a literal star, spaces belong to the fields and
 * a line starting with {@code #} is a comment.
 *
 * <p>Read here rather than by pgjdbc's {@code PgPassParser}, which differs from libpq on this class's own cases
 * (checked with pgjdbc 42.7.8): it reads only a file named by a process-wide property or {@code ~/.pgpass}, uses a
 * file that the group or others may read, keeps the backslash of {@code \a}, never matches an escaped {@code \*}
 * and throws StringIndexOutOfBoundsException on a line that ends after its host. psql and QGIS read the file as
 * libpq does, and a password must be found (or not) for RasterDesk as it is for them.
 */
final class PgPassFile {

    private static final Set<PosixFilePermission> GROUP_OR_WORLD = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** One line; a null field is the wildcard. */
    private record Entry(String host, String port, String database, String user, String password) {

        boolean matches(String h, String p, String d, String u) {
            return (host == null || host.equals(h)) && (port == null || port.equals(p))
                    && (database == null || database.equals(d)) && (user == null || user.equals(u));
        }
    }

    private final List<Entry> entries;

    private PgPassFile(List<Entry> entries) {
        this.entries = entries;
    }

    /**
     * Reads the file as libpq does: a missing file is no file, and a file that is not plain or that the group or
     * others may access is ignored with a warning, since it may have leaked its passwords.
     */
    static Optional<PgPassFile> load(Path file, Consumer<String> warnings) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            warnings.accept("password file \"" + file + "\" is not a plain file");
            return Optional.empty();
        }
        try {
            if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
                Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(file));
                permissions.retainAll(GROUP_OR_WORLD);
                if (!permissions.isEmpty()) {
                    warnings.accept("password file \"" + file
                            + "\" has group or world access; permissions should be u=rw (0600) or less");
                    return Optional.empty();
                }
            }
            return Optional.of(parse(Files.readAllLines(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            warnings.accept("password file \"" + file + "\" cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    static PgPassFile parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = split(line);
            if (fields.size() >= 5) {
                entries.add(new Entry(field(fields.get(0)), field(fields.get(1)), field(fields.get(2)),
                        field(fields.get(3)), unescape(fields.get(4))));
            }
        }
        return new PgPassFile(List.copyOf(entries));
    }

    /** The password of the first line that matches; the caller applies libpq's defaults to the keys first. */
    Optional<String> password(String host, String port, String database, String user) {
        return entries.stream()
                .filter(e -> e.matches(host, port, database, user))
                .map(Entry::password)
                .findFirst();
    }

    /**
     * Splits at unescaped colons into the four keys and the password. libpq ends the password at its first
     * unescaped colon and ignores the rest of the line, so a password colon must be escaped.
     */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < line.length() && fields.size() < 5; i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ':') {
                fields.add(line.substring(start, i));
                start = i + 1;
            }
        }
        if (fields.size() == 4) {
            fields.add(line.substring(start));
        }
        return fields;
    }

    /** A raw field: null for the wildcard (only an unescaped lone "*"), else its literal text. */
    private static String field(String raw) {
        return raw.equals("*") ? null : unescape(raw);
    }

    private static String unescape(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                c = raw.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}

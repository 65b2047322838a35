package org.rasterdesk.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A libpq connection service file ({@code pg_service.conf}): INI sections named after services, each holding
 * keyword=value connection options.
 *
 * <p>Read here rather than by pgjdbc's {@code PgServiceConfParser}, which (checked with pgjdbc 42.7.8) takes the file
 * only from a process-wide property or variable, rejects a whole service for a libpq keyword it does not know
 * ({@code application_name}, {@code connect_timeout}), accepts a nested {@code service=} line, and answers a broken
 * file with nothing where libpq names the file and line. A service must mean here what it means to psql.
 */
final class ServiceFile {

    private record Line(int number, String text) {
    }

    private final String fileName;
    private final Map<String, List<Line>> sections;

    private ServiceFile(String fileName, Map<String, List<Line>> sections) {
        this.fileName = fileName;
        this.sections = sections;
    }

    static ServiceFile read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    static ServiceFile parse(List<String> lines, String fileName) {
        Map<String, List<Line>> sections = new HashMap<>();
        List<Line> current = null;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.startsWith("[")) {
                // libpq stops reading at the end of the first section of a name, so later ones are kept apart
                // unseen, as is a header without "]", which names no service.
                current = new ArrayList<>();
                if (text.endsWith("]")) {
                    sections.putIfAbsent(text.substring(1, text.length() - 1).strip(), current);
                }
            } else if (current != null) {
                current.add(new Line(i + 1, text));
            }
            // Lines before the first section belong to no service; libpq skips them.
        }
        return new ServiceFile(fileName, sections);
    }

    /**
     * The options of a service. As in libpq only the requested service's lines are checked, so a typo in one
     * service does not break the others.
     *
     * @throws IllegalArgumentException on a line of this service that libpq would reject, naming file and line
     */
    Optional<Map<LibpqOption, String>> service(String name) {
        List<Line> lines = sections.get(name);
        if (lines == null) {
            return Optional.empty();
        }
        Map<LibpqOption, String> options = new EnumMap<>(LibpqOption.class);
        for (Line line : lines) {
            int eq = line.text().indexOf('=');
            if (eq < 0) {
                throw syntaxError(line);
            }
            // Verbatim as in libpq: "port = 5433" is a syntax error there, and psql and QGIS must agree with us.
            String keyword = line.text().substring(0, eq);
            if (keyword.equals(LibpqOption.SERVICE.keyword())) {
                throw new IllegalArgumentException("nested service specifications not supported in service file \""
                        + fileName + "\", line " + line.number());
            }
            LibpqOption option = LibpqOption.byKeyword(keyword).orElseThrow(() -> syntaxError(line));
            options.putIfAbsent(option, line.text().substring(eq + 1));
        }
        return Optional.of(Map.copyOf(options));
    }

    private IllegalArgumentException syntaxError(Line line) {
        return new IllegalArgumentException("syntax error in service file \"" + fileName + "\", line "
                + line.number());
    }
}

package org.rasterdesk.parse;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** The parse log as django-raster writes it: one {@code [YYYY-mm-dd HH:MM:SS] message} line per event. */
public final class ParseLog {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final StringBuilder text = new StringBuilder();
    private final ParseListener listener;

    public ParseLog(ParseListener listener) {
        this.listener = listener;
    }

    public static String line(LocalDateTime time, String message) {
        return "[" + STAMP.format(time) + "] " + message;
    }

    public synchronized void add(String message) {
        String line = line(LocalDateTime.now(), message);
        if (text.length() > 0) {
            text.append('\n');
        }
        text.append(line);
        listener.logLine(line);
    }

    public synchronized String text() {
        return text.toString();
    }
}

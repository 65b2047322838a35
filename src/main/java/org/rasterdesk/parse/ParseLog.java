package org.rasterdesk.parse;

import java.time.LocalDateTime;
import org.rasterdesk.layer.ParseStatusRepository;

/** The parse log as django-raster writes it: one {@code [YYYY-mm-dd HH:MM:SS] message} line per event. */
public final class ParseLog {

    private final StringBuilder text = new StringBuilder();
    private final ParseListener listener;

    public ParseLog(ParseListener listener) {
        this.listener = listener;
    }

    public synchronized void add(String message) {
        String line = ParseStatusRepository.logLine(LocalDateTime.now(), message);
        if (text.length() > 0) {
            text.append('\n');
        }
        text.append(line);
        listener.logLine(line);
    }

    /** Starts from an earlier log (kept when a cancelled parse restores the previous state). */
    public synchronized void restore(String previous) {
        text.setLength(0);
        text.append(previous);
    }

    /** The last line's message, without its timestamp; "" when the log is empty. */
    public synchronized String lastLine() {
        int start = text.lastIndexOf("\n") + 1;
        int message = text.indexOf("] ", start);
        return message < 0 ? "" : text.substring(message + 2);
    }

    public synchronized String text() {
        return text.toString();
    }
}

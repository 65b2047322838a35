package org.rasterdesk.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The process's peak memory so far: the heap's (its pools' peaks, summed) and the resident set's (Linux). */
final class MemoryPeaks {

    private MemoryPeaks() {
    }

    /** {@code heap_peak_mb=… heap_max_mb=… rss_peak_mb=…} (the last -1 where /proc is not there). */
    static String summary() {
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        return String.format(Locale.ROOT, "heap_peak_mb=%d heap_max_mb=%d rss_peak_mb=%d", heap >> 20,
                Runtime.getRuntime().maxMemory() >> 20, residentPeakKb() >> 10);
    }

    /** VmHWM of /proc/self/status: the most memory the process has held resident. */
    static long residentPeakKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}

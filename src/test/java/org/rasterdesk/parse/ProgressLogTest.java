package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressLogTest {

    private long now;

    @Test
    void aLongTileRunLogsItsProgressEveryPeriodAndPassesEveryCallOn() {
        List<String> lines = new ArrayList<>();
        List<Long> passed = new ArrayList<>();
        ParseListener caller = new ParseListener() {
            @Override
            public void progress(double fraction, long tilesDone, double tilesPerSecond) {
                passed.add(tilesDone);
            }
        };
        ProgressLog progress = new ProgressLog(caller, lines::add, () -> now, 14, 36864);
        now += ProgressLog.PERIOD_NANOS / 2;
        progress.progress(0.1, 1000, 200);
        assertEquals(List.of(), lines, "nothing before a period has passed");
        now += ProgressLog.PERIOD_NANOS / 2;
        progress.progress(0.2, 2000, 200);
        now += ProgressLog.PERIOD_NANOS / 4;
        progress.progress(0.25, 2500, 200);
        now += ProgressLog.PERIOD_NANOS;
        progress.progress(0.5, 5000, 250);
        assertEquals(List.of("Zoom 14: 2000 of up to 36864 tiles written, 20% of the parse, 200 tiles/s.",
                "Zoom 14: 5000 of up to 36864 tiles written, 50% of the parse, 250 tiles/s."), lines);
        assertEquals(List.of(1000L, 2000L, 2500L, 5000L), passed);
    }
}

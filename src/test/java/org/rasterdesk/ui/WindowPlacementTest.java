package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

class WindowPlacementTest {

    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1366, 740);
    private static final Rectangle2D RIGHT = new Rectangle2D(1366, 0, 1920, 1050);

    @Test
    void withoutASavedLayoutTheDefaultSizeIsCentredOnThePrimaryScreen() {
        assertEquals(new Rectangle2D(63, 0, 1240, 740), WindowPlacement.choose(null, List.of(LAPTOP)));
        Rectangle2D big = new Rectangle2D(0, 0, 1920, 1050);
        assertEquals(new Rectangle2D(340, 130, 1240, 790), WindowPlacement.choose(null, List.of(big)));
    }

    @Test
    void aWindowSavedAtTwoHundredPixelsCountsAsNotSaved() {
        Rectangle2D tiny = new Rectangle2D(180, 81, 202, 225);
        assertEquals(WindowPlacement.choose(null, List.of(RIGHT)), WindowPlacement.choose(tiny, List.of(RIGHT)));
    }

    @Test
    void aSavedWindowThatFitsComesBackAsItWas() {
        Rectangle2D saved = new Rectangle2D(1500, 30, 1400, 880);
        assertEquals(saved, WindowPlacement.choose(saved, List.of(LAPTOP, RIGHT)));
    }

    @Test
    void aSavedWindowLargerThanItsScreenIsShrunkOntoIt() {
        Rectangle2D saved = new Rectangle2D(1400, -50, 2500, 1400);
        assertEquals(RIGHT, WindowPlacement.choose(saved, List.of(LAPTOP, RIGHT)));
    }

    @Test
    void aWindowOnAScreenThatIsGoneComesBackOnThePrimaryOne() {
        Rectangle2D saved = new Rectangle2D(2000, 100, 1000, 700);
        assertEquals(new Rectangle2D(366, 40, 1000, 700), WindowPlacement.choose(saved, List.of(LAPTOP)));
    }

    @Test
    void theMinimumSizeFitsASmallScreen() {
        assertEquals(640, WindowPlacement.minimumSize(LAPTOP)[0]);
        assertEquals(300, WindowPlacement.minimumSize(new Rectangle2D(0, 0, 600, 300))[1]);
    }
}

package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The database opened while the window starts: taken once by the application, its failure given as thrown. */
class DatabaseOpeningTest {

    @AfterEach
    void clearSetting() {
        System.clearProperty("rasterdesk.db");
        DatabaseOpening.take();
    }

    @Test
    void theEarlyOpeningIsTakenOnceAndItsFailureIsTheConnectionsOwn() {
        // Port 1: nothing listens, the connection is refused at once.
        System.setProperty("rasterdesk.db", "postgresql://127.0.0.1:1/nothing?connect_timeout=5");
        DatabaseChoice choice = DatabaseChoice.fromEnvironment();
        assertEquals("Connecting…", choice.openingActivity());
        DatabaseOpening.startEarly(choice);
        DatabaseOpening taken = DatabaseOpening.take();
        assertSame(choice, taken.choice());
        assertNull(DatabaseOpening.take(), "a second start of the window opens its own");
        assertThrows(SQLException.class, () -> DatabaseOpening.await(taken.future()));
    }

    @Test
    void theEmbeddedDatabaseIsSaidToBeStarting() {
        assertEquals("Starting the database…", DatabaseChoice.fromEnvironment().openingActivity());
    }
}

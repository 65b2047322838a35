package org.rasterdesk.ui.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recent-database file: newest first, no duplicates, and never a password. */
class RecentDatabasesTest {

    @Test
    void passwordsAreCutOutOfConnectionStrings() {
        assertEquals("host=db dbname=gis user=ann",
                RecentDatabases.withoutPassword("host=db password='s3 cret' dbname=gis user=ann"));
        assertEquals("host=db dbname=gis", RecentDatabases.withoutPassword("host=db password=secret dbname=gis"));
        assertEquals("postgresql://ann@db:5432/gis", RecentDatabases.withoutPassword(
                "postgresql://ann:secret@db:5432/gis"));
        assertEquals("jdbc:postgresql://db/gis?user=ann", RecentDatabases.withoutPassword(
                "jdbc:postgresql://db/gis?password=secret&user=ann"));
        assertEquals("service=prod", RecentDatabases.withoutPassword("service=prod"));
    }

    @Test
    void newestComesFirstAndNoPasswordReachesTheFile(@TempDir Path dir) throws Exception {
        RecentDatabases recent = new RecentDatabases(dir.resolve("sub/recent.tsv"));
        RecentDatabases.Entry a = new RecentDatabases.Entry("", "db1", "5432", "gis", "ann");
        RecentDatabases.Entry b = new RecentDatabases.Entry("host=db2 password=hunter2", "", "", "", "");
        recent.remember(a);
        recent.remember(b);
        recent.remember(a);
        assertEquals(List.of(a, b), recent.load());
        assertEquals("host=db2", recent.load().get(1).connectionString());
        assertFalse(Files.readString(dir.resolve("sub/recent.tsv")).contains("hunter2"));
        assertEquals("ann@db1:5432/gis", a.label());
    }
}

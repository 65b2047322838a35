package org.rasterdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceFileTest {

    @Test
    void sectionsHoldTheirOwnOptions() {
        ServiceFile file = ServiceFile.parse(List.of(
                "# GIS servers",
                "[rasters]",
                "host=gis.local",
                "  port=5433  ",
                "dbname=rasters",
                "",
                "[vectors]",
                "host=other",
                "sslmode=require"), "pg_service.conf");
        assertEquals(Optional.of(Map.of(LibpqOption.HOST, "gis.local", LibpqOption.PORT, "5433",
                LibpqOption.DBNAME, "rasters")), file.service("rasters"));
        assertEquals(Optional.of(Map.of(LibpqOption.HOST, "other", LibpqOption.SSLMODE, "require")),
                file.service("vectors"));
        assertEquals(Optional.empty(), file.service("Rasters"));
    }

    @Test
    void onlyTheFirstSectionOfAServiceCounts() {
        ServiceFile file = ServiceFile.parse(List.of("[a]", "host=one", "host=ignored", "[b]", "host=x", "[a]",
                "host=two", "port=7"), "f");
        assertEquals(Optional.of(Map.of(LibpqOption.HOST, "one")), file.service("a"));
    }

    @Test
    void aBrokenServiceDoesNotBreakTheOthers() {
        ServiceFile file = ServiceFile.parse(List.of("[broken]", "colour=red", "[good]", "host=h", "[half", "port=1"),
                "f");
        assertEquals(Optional.of(Map.of(LibpqOption.HOST, "h")), file.service("good"));
        assertThrows(IllegalArgumentException.class, () -> file.service("broken"));
        assertEquals(Optional.empty(), file.service("half"));
    }

    @Test
    void optionsBeforeTheFirstSectionBelongToNoService() {
        ServiceFile file = ServiceFile.parse(List.of("host=stray", "[a]", "port=1"), "f");
        assertEquals(Optional.of(Map.of(LibpqOption.PORT, "1")), file.service("a"));
    }

    @Test
    void linesLibpqRejectsAreErrorsNamingTheLine() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ServiceFile.parse(List.of("", "[a]", "host=x", "colour=red"), "svc.conf").service("a"));
        assertTrue(unknown.getMessage().contains("\"svc.conf\", line 4"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServiceFile.parse(List.of("[a]", "host"), "f").service("a"));
        // psql rejects spaces before "=" too
        assertThrows(IllegalArgumentException.class,
                () -> ServiceFile.parse(List.of("[a]", "port = 5433"), "f").service("a"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ServiceFile.parse(List.of("[a]", "service=b"), "f").service("a")).getMessage()
                .contains("nested"));
    }
}

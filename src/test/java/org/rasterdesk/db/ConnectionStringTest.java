package org.rasterdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionStringTest {

    @Test
    void libpqUriGivesEveryPartPercentDecoded() {
        ConnectionString cs = ConnectionString.parse(
                "postgresql://gis%40corp:p%3Ass+w@db.example.org:6543/my%20rasters?sslmode=verify-full&application_name=qgis");
        assertEquals(Map.of(LibpqOption.USER, "gis@corp", LibpqOption.PASSWORD, "p:ss+w",
                LibpqOption.HOST, "db.example.org", LibpqOption.PORT, "6543", LibpqOption.DBNAME, "my rasters",
                LibpqOption.SSLMODE, "verify-full", LibpqOption.APPLICATION_NAME, "qgis"), cs.options());
    }

    @Test
    void postgresSchemeIpv6HostAndMissingPartsAreAccepted() {
        assertEquals(Map.of(LibpqOption.HOST, "::1", LibpqOption.PORT, "5433"),
                ConnectionString.parse("postgres://[::1]:5433").options());
        assertEquals(Map.of(LibpqOption.DBNAME, "rasters"), ConnectionString.parse("postgresql:///rasters").options());
        assertEquals(Map.of(LibpqOption.HOST, "/var/run/postgresql", LibpqOption.DBNAME, "db"),
                ConnectionString.parse("postgresql://%2Fvar%2Frun%2Fpostgresql/db").options());
    }

    @Test
    void uriSslTrueMeansSslmodeRequireAsInLibpq() {
        assertEquals("require", ConnectionString.parse("postgresql://h/db?ssl=true").options().get(LibpqOption.SSLMODE));
    }

    @Test
    void keywordValueStringHonoursQuotesEscapesAndSpacesAroundEquals() {
        ConnectionString cs = ConnectionString.parse(
                "host = gis.local port=5433 dbname='my db' user=o\\'brien password='it\\'s \\\\ secret' sslmode=require");
        assertEquals(Map.of(LibpqOption.HOST, "gis.local", LibpqOption.PORT, "5433", LibpqOption.DBNAME, "my db",
                LibpqOption.USER, "o'brien", LibpqOption.PASSWORD, "it's \\ secret", LibpqOption.SSLMODE, "require"),
                cs.options());
    }

    @Test
    void jdbcUrlMapsLibpqPropertiesAndPassesTheRestThrough() {
        ConnectionString cs = ConnectionString.parse(
                "jdbc:postgresql://gis:5434/rasters?user=ann&password=a%26b&sslmode=require&reWriteBatchedInserts=true");
        assertEquals(Map.of(LibpqOption.HOST, "gis", LibpqOption.PORT, "5434", LibpqOption.DBNAME, "rasters",
                LibpqOption.USER, "ann", LibpqOption.PASSWORD, "a&b", LibpqOption.SSLMODE, "require"), cs.options());
        assertEquals(Map.of("reWriteBatchedInserts", "true"), cs.jdbcProperties());
        assertEquals(Map.of(LibpqOption.DBNAME, "rasters"), ConnectionString.parse("jdbc:postgresql:rasters").options());
    }

    @Test
    void malformedStringsAreRejectedWithLibpqsWords() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionString.parse("host=a colour=red"))
                .getMessage().contains("invalid connection option \"colour\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionString.parse("localhost"))
                .getMessage().contains("missing \"=\" after \"localhost\""));
        assertThrows(IllegalArgumentException.class, () -> ConnectionString.parse("password='open"));
        assertThrows(IllegalArgumentException.class, () -> ConnectionString.parse("postgresql://h/db?bogus=1"));
        assertThrows(IllegalArgumentException.class, () -> ConnectionString.parse("postgresql://a,b/db"));
    }

    @Test
    void printingItHidesThePasswords() {
        String shown = ConnectionString.parse("postgresql://ann:hunter2@h/db?sslpassword=keypass").toString();
        assertTrue(shown.contains("ann") && !shown.contains("hunter2") && !shown.contains("keypass"), shown);
    }

    @Test
    void blankInputSetsNothing() {
        assertTrue(ConnectionString.parse("  ").options().isEmpty());
        assertTrue(ConnectionString.parse(null).options().isEmpty());
    }
}

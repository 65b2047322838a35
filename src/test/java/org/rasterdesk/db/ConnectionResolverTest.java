package org.rasterdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionResolverTest {

    @TempDir
    Path home;
    @TempDir
    Path sysconf;

    private final Map<String, String> env = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void isolateFromTheMachine() {
        // Without this the system-wide service file of the machine running the tests would be read.
        env.put("PGSYSCONFDIR", sysconf.toString());
    }

    private ConnectionResolver resolver() {
        return new ConnectionResolver(env, home, "osuser", warnings::add);
    }

    @Test
    void nothingGivenMeansLibpqDefaults() {
        ConnectionSettings s = resolver().resolve(ConnectionFields.none());
        assertEquals("jdbc:postgresql://localhost:5432/osuser", s.jdbcUrl());
        assertEquals("osuser", s.user());
        assertNull(s.password());
        assertEquals("osuser@localhost:5432/osuser", s.description());
    }

    @Test
    void databaseDefaultsToTheResolvedUserNotTheOsUser() {
        env.put("PGUSER", "ann");
        assertEquals("jdbc:postgresql://localhost:5432/ann", resolver().resolve("").jdbcUrl());
    }

    @Test
    void environmentVariablesFillWhatNothingElseSets() {
        env.putAll(Map.of("PGHOST", "envhost", "PGPORT", "6000", "PGDATABASE", "envdb", "PGUSER", "envuser",
                "PGPASSWORD", "envpw", "PGSSLMODE", "require"));
        ConnectionSettings s = resolver().resolve("");
        assertEquals("jdbc:postgresql://envhost:6000/envdb?sslmode=require", s.jdbcUrl());
        assertEquals("envuser", s.user());
        assertEquals("envpw", s.password());
    }

    @Test
    void explicitBeatsConnectionStringBeatsServiceBeatsEnvironmentBeatsDefaults() throws IOException {
        Files.writeString(home.resolve(".pg_service.conf"),
                "[gis]\nhost=svchost\nport=6001\ndbname=svcdb\nuser=svcuser\nsslmode=verify-ca\n");
        env.putAll(Map.of("PGHOST", "envhost", "PGPORT", "6000", "PGDATABASE", "envdb", "PGUSER", "envuser",
                "PGSSLMODE", "disable", "PGAPPNAME", "envapp"));
        ConnectionResolver r = resolver();

        ConnectionSettings serviceOnly = r.resolve("service=gis");
        assertEquals("jdbc:postgresql://svchost:6001/svcdb?sslmode=verify-ca&ApplicationName=envapp",
                serviceOnly.jdbcUrl());
        assertEquals("svcuser", serviceOnly.user());

        ConnectionSettings url = r.resolve("postgresql://urluser@urlhost/urldb?service=gis");
        assertEquals("jdbc:postgresql://urlhost:6001/urldb?sslmode=verify-ca&ApplicationName=envapp", url.jdbcUrl());
        assertEquals("urluser", url.user());

        ConnectionSettings explicit = r.resolve("postgresql://urluser@urlhost/urldb?service=gis",
                new ConnectionFields("fieldhost", 7000, null, "fielduser", null, null));
        assertEquals("jdbc:postgresql://fieldhost:7000/urldb?sslmode=verify-ca&ApplicationName=envapp",
                explicit.jdbcUrl());
        assertEquals("fielduser", explicit.user());
    }

    @Test
    void pgserviceNamesTheServiceWhenTheStringDoesNot() throws IOException {
        Files.writeString(home.resolve(".pg_service.conf"), "[fromenv]\nhost=a\n[fromstring]\nhost=b\n");
        env.put("PGSERVICE", "fromenv");
        assertEquals("jdbc:postgresql://a:5432/osuser", resolver().resolve("").jdbcUrl());
        assertEquals("jdbc:postgresql://b:5432/osuser", resolver().resolve("service=fromstring").jdbcUrl());
        assertEquals("jdbc:postgresql://b:5432/osuser",
                resolver().resolve(new ConnectionFields(null, null, null, null, null, "fromstring")).jdbcUrl());
    }

    @Test
    void userServiceFileIsReadBeforeTheSystemOne() throws IOException {
        Files.writeString(home.resolve(".pg_service.conf"), "[both]\nhost=user-file\n");
        Files.writeString(sysconf.resolve("pg_service.conf"),
                "[both]\nhost=system-file\nport=6543\n[systemonly]\nhost=sys\n");
        ConnectionResolver r = resolver();
        // The system file is not merged in once the user's file has the service.
        assertEquals("jdbc:postgresql://user-file:5432/osuser", r.resolve("service=both").jdbcUrl());
        assertEquals("jdbc:postgresql://sys:5432/osuser", r.resolve("service=systemonly").jdbcUrl());
    }

    @Test
    void pgservicefileReplacesTheUserServiceFile() throws IOException {
        Path elsewhere = Files.writeString(home.resolve("services.ini"), "[mine]\nhost=custom\n");
        env.put("PGSERVICEFILE", elsewhere.toString());
        Files.writeString(home.resolve(".pg_service.conf"), "[mine]\nhost=ignored\n");
        assertEquals("jdbc:postgresql://custom:5432/osuser", resolver().resolve("service=mine").jdbcUrl());
    }

    @Test
    void unknownServiceIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolver().resolve("service=nowhere"));
        assertEquals("definition of service \"nowhere\" not found", e.getMessage());
    }

    @Test
    void passwordComesFromPgpassOnlyWhenNoneWasGiven() throws IOException {
        writePgpass(home.resolve(".pgpass"), "gis:5432:rasters:ann:from-file\n");
        ConnectionResolver r = resolver();
        assertEquals("from-file", r.resolve("host=gis dbname=rasters user=ann").password());
        assertEquals("typed", r.resolve("host=gis dbname=rasters user=ann password=typed").password());
        assertEquals("typed", r.resolve("host=gis dbname=rasters user=ann",
                ConnectionFields.of(null, null, null, null, "typed")).password());
        env.put("PGPASSWORD", "from-env");
        assertEquals("from-env", resolver().resolve("host=gis dbname=rasters user=ann").password());
    }

    @Test
    void anEmptyPgpassPasswordIsNoPassword() throws IOException {
        writePgpass(home.resolve(".pgpass"), "*:*:*:*:\n");
        assertNull(resolver().resolve("").password());
    }

    @Test
    void pgpassIsLookedUpWithTheResolvedDefaults() throws IOException {
        writePgpass(home.resolve(".pgpass"), "localhost:5432:osuser:osuser:defaults\n");
        assertEquals("defaults", resolver().resolve("").password());
        // A Unix socket directory counts as localhost, as in libpq.
        assertEquals("defaults", resolver().resolve("host=/var/run/postgresql").password());
    }

    @Test
    void pgpassfileAndPassfileKeywordChooseThePasswordFile() throws IOException {
        Path envFile = writePgpass(home.resolve("env.pgpass"), "*:*:*:*:env-file\n");
        Path keywordFile = writePgpass(home.resolve("kw.pgpass"), "*:*:*:*:keyword-file\n");
        env.put("PGPASSFILE", envFile.toString());
        assertEquals("env-file", resolver().resolve("").password());
        assertEquals("keyword-file", resolver().resolve("passfile=" + keywordFile).password());
    }

    @Test
    void openPgpassIsIgnoredWithAWarning() throws IOException {
        Path file = writePgpass(home.resolve(".pgpass"), "*:*:*:*:leaked\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        assertNull(resolver().resolve("").password());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("permissions should be u=rw (0600) or less"));
    }

    @Test
    void hostaddrIsWhereToConnectButPgpassUsesTheHostName() throws IOException {
        writePgpass(home.resolve(".pgpass"), "gis.local:*:*:*:by-name\n");
        ConnectionSettings s = resolver().resolve("host=gis.local hostaddr=10.0.0.7");
        assertEquals("jdbc:postgresql://10.0.0.7:5432/osuser", s.jdbcUrl());
        assertEquals("by-name", s.password());
    }

    @Test
    void sslAndOtherOptionsBecomePgjdbcProperties() {
        ConnectionSettings s = resolver().resolve("postgresql://h/db?sslmode=verify-full&sslrootcert=/certs/root%20ca.crt"
                + "&connect_timeout=7&application_name=QGIS&target_session_attrs=read-write&keepalives=0");
        assertEquals("jdbc:postgresql://h:5432/db?sslmode=verify-full&sslrootcert=%2Fcerts%2Froot+ca.crt"
                + "&connectTimeout=7&ApplicationName=QGIS&tcpKeepAlive=false&targetServerType=primary", s.jdbcUrl());
    }

    @Test
    void optionsPgjdbcLacksAreDroppedWithAWarning() {
        ConnectionSettings s = resolver().resolve("host=h sslcrl=/crl.pem");
        assertEquals("jdbc:postgresql://h:5432/osuser", s.jdbcUrl());
        assertEquals(List.of("Connection option sslcrl is not supported by the Java driver and is ignored"), warnings);
    }

    @Test
    void jdbcUrlKeepsItsDriverPropertiesAndItsPasswordLeavesTheUrl() {
        ConnectionSettings s = resolver().resolve(
                "jdbc:postgresql://gis:5434/rasters?user=ann&password=s3cret&reWriteBatchedInserts=true");
        assertEquals("jdbc:postgresql://gis:5434/rasters?reWriteBatchedInserts=true", s.jdbcUrl());
        assertEquals("ann", s.user());
        assertEquals("s3cret", s.password());
    }

    @Test
    void descriptionNeverShowsThePassword() throws IOException {
        Files.writeString(home.resolve(".pg_service.conf"), "[gis]\npassword=svc-secret\nhost=h\n");
        ConnectionSettings s = resolver().resolve("postgresql://ann:url-secret@h/db");
        assertEquals("ann@h:5432/db", s.description());
        assertFalse(s.jdbcUrl().contains("url-secret"));
        ConnectionSettings svc = resolver().resolve("service=gis");
        assertEquals("svc-secret", svc.password());
        assertEquals("osuser@h:5432/osuser (service gis)", svc.description());
        assertFalse(svc.toString().contains("secret"));
    }

    @Test
    void ipv6HostAndOddDatabaseNamesMakeAValidUrl() {
        ConnectionSettings s = resolver().resolve(ConnectionFields.of("::1", 5433, "my rasters/2", "u", null));
        assertEquals("jdbc:postgresql://[::1]:5433/my+rasters%2F2", s.jdbcUrl());
    }

    @Test
    void blankDialogFieldsDoNotOverride() {
        env.put("PGHOST", "envhost");
        ConnectionSettings s = resolver().resolve(ConnectionFields.of("  ", null, "", null, ""));
        assertEquals("jdbc:postgresql://envhost:5432/osuser", s.jdbcUrl());
    }

    @Test
    void badPortIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> resolver().resolve("port=fivefourthreetwo"));
        env.put("PGPORT", "70000");
        assertThrows(IllegalArgumentException.class, () -> resolver().resolve(""));
    }

    private static Path writePgpass(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}

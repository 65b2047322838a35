package org.rasterdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class ConnectionResolverDatabaseTest {

    @TempDir
    Path home;

    @Test
    void connectsToPostgisThroughAServiceFileAndAPasswordFile() throws Exception {
        ConnectionSettings cluster = TestDatabase.createEmptyDatabase("conn_test");
        ConnectionString where = ConnectionString.parse(cluster.jdbcUrl());
        String host = where.options().get(LibpqOption.HOST);
        String port = where.options().get(LibpqOption.PORT);
        Files.writeString(home.resolve(".pg_service.conf"), "# the test cluster\n[raster_store]\nhost=" + host
                + "\nport=" + port + "\ndbname=conn_test\nuser=" + cluster.user() + "\napplication_name=conn-test\n");
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "*:*:other_db:*:wrong\n" + host + ":" + port + ":conn_test:"
                + cluster.user() + ":" + cluster.password().replace("\\", "\\\\").replace(":", "\\:") + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));

        Map<String, String> env = Map.of("PGSYSCONFDIR", home.resolve("no-sysconf").toString(),
                "PGSERVICE", "raster_store");
        ConnectionSettings resolved = new ConnectionResolver(env, home, "nobody").resolve(ConnectionFields.none());

        assertEquals(cluster.password(), resolved.password());
        try (Connection c = DriverManager.getConnection(resolved.jdbcUrl(), resolved.user(), resolved.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_database(), current_user, "
                     + "current_setting('application_name'), postgis_full_version() LIKE '%RASTER%'")) {
            rs.next();
            assertEquals("conn_test", rs.getString(1));
            assertEquals(cluster.user(), rs.getString(2));
            assertEquals("conn-test", rs.getString(3));
            assertEquals(true, rs.getBoolean(4));
        }
    }
}

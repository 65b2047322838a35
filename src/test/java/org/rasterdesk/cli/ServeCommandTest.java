package org.rasterdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.db.TestDatabase;

/** The serve command's refusals: a port off the range, a port in use, each in one line with exit code 1. */
class ServeCommandTest {

    @Test
    void aPortOffTheRangeIsRefused() {
        String err = run(1, "serve", "--db", connectionString(), "--port", "70000");
        assertTrue(err.contains("--port must be 0 to 65535, not 70000"), err);
    }

    @Test
    void aPortInUseIsSaid() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String err = run(1, "serve", "--db", connectionString(), "--port",
                    String.valueOf(taken.getLocalPort()));
            assertTrue(err.contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), err);
            assertEquals(1, err.strip().lines().count(), err);
        }
    }

    private static String run(int expectedExit, String... args) {
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(expectedExit, RasterDeskCommand.run(args));
        } finally {
            System.setErr(before);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String connectionString() {
        ConnectionSettings s = TestDatabase.shared().settings();
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+).*").matcher(s.jdbcUrl());
        assertTrue(m.matches(), s.jdbcUrl());
        return "host=" + m.group(1) + " port=" + m.group(2) + " dbname=" + m.group(3) + " user=" + s.user()
                + (s.password() == null ? "" : " password=" + s.password());
    }
}

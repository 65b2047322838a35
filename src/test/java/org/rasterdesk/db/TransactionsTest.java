package org.rasterdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Repository calls made inside {@link Transactions#together} commit or roll back as one. */
class TransactionsTest {

    private static final DataSource DATA_SOURCE = TestDatabase.shared().dataSource();

    @BeforeAll
    static void table() {
        Transactions.inTransaction(DATA_SOURCE, "making a table", c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS transactions_test (name text)");
                st.execute("DELETE FROM transactions_test");
            }
            return null;
        });
    }

    @Test
    void aFailureHalfWayLeavesNothingOfTheBlock() {
        assertThrows(IllegalStateException.class, () -> Transactions.together(DATA_SOURCE, "two inserts", () -> {
            insert("first");
            insert("second");
            assertEquals(2, count("first") + count("second"), "reads in the block see its own writes");
            throw new IllegalStateException("the third step fails");
        }));
        assertEquals(0, count("first"));
        assertEquals(0, count("second"));
    }

    @Test
    void aBlockThatReturnsCommitsEverything() {
        int n = Transactions.together(DATA_SOURCE, "two inserts", () -> {
            insert("kept one");
            Transactions.together(DATA_SOURCE, "nested", () -> insert("kept two"));
            return count("kept one") + count("kept two");
        });
        assertEquals(2, n);
        assertEquals(1, count("kept one"));
        assertEquals(1, count("kept two"));
    }

    /** A server that ends the session mid-transaction is told as a connection loss, which parses wait out. */
    @Test
    void aSessionEndedByTheServerIsAConnectionLoss() {
        DataAccessException e = assertThrows(DataAccessException.class, () -> Transactions.inTransaction(DATA_SOURCE,
                "a session the server ends", c -> {
                    try (Statement st = c.createStatement()) {
                        st.execute("SELECT pg_terminate_backend(pg_backend_pid())");
                    }
                    return null;
                }));
        assertTrue(DatabaseRetry.isConnectionLoss(e), () -> "not told as a loss: " + e.getCause());
    }

    private static int insert(String name) {
        return Transactions.inTransaction(DATA_SOURCE, "inserting " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO transactions_test VALUES (?)")) {
                ps.setString(1, name);
                return ps.executeUpdate();
            }
        });
    }

    private static int count(String name) {
        return Transactions.read(DATA_SOURCE, "counting " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM transactions_test WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}

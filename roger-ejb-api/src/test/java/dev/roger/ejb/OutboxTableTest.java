package dev.roger.ejb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Runs against a real PostgreSQL ({@code ROGER_JDBC_URL}, else 127.0.0.1:5432 as {@code postgres}),
 * in a schema of its own per test, dropped after it, so the shared {@code roger_outbox} is never touched.
 */
class OutboxTableTest {

    private final String schema = "outbox_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private PGSimpleDataSource dataSource;

    @BeforeEach
    void createSchema() throws SQLException {
        String env = System.getenv("ROGER_JDBC_URL");
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(env == null || env.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/postgres" : env);
        if (dataSource.getUser() == null) {
            dataSource.setUser("postgres");
        }
        dataSource.setConnectTimeout(5);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            fail("PostgreSQL is not reachable at " + dataSource.getUrl() + " (" + e.getMessage() + ")", e);
        }
        dataSource.setCurrentSchema(schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void theTableIsCreatedOnceAndRowsComeBackInTheOrderWrittenOnlyToTheirCluster() throws SQLException {
        OutboxTable mine = new OutboxTable("c1");
        OutboxTable other = new OutboxTable(null);
        try (Connection c = dataSource.getConnection()) {
            mine.create(c);
            other.create(c);
            mine.insert(c, "p", List.of("{\"n\":1}", "{\"n\":2}"));
            other.insert(c, "p", List.of("{\"n\":3}"));
            mine.insert(c, "q", List.of("{\"n\":4}"));
            List<OutboxRow> rows = mine.lockOldest(c, 100);
            assertEquals(List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":4}"), rows.stream().map(OutboxRow::body).toList());
            assertEquals(List.of("p", "p", "q"), rows.stream().map(OutboxRow::partition).toList());
            assertEquals(List.of("{\"n\":3}"), other.lockOldest(c, 100).stream().map(OutboxRow::body).toList(),
                    "the default cluster's rows are apart from c1's");
            assertEquals(2, mine.lockOldest(c, 2).size(), "at most the rows asked for");

            mine.delete(c, List.of(rows.get(0).id(), rows.get(2).id()));
            assertEquals(List.of("{\"n\":2}"), mine.lockOldest(c, 100).stream().map(OutboxRow::body).toList());
        }
    }

    @Test
    void aSecondRelayWaitsForTheFirstsTransactionAndThenSeesOnlyTheRowsItLeft() throws Exception {
        OutboxTable table = new OutboxTable("c1");
        try (Connection setup = dataSource.getConnection()) {
            table.create(setup);
            table.insert(setup, "p", List.of("a", "b", "c"));
        }
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            List<OutboxRow> taken = table.lockOldest(first, 2);
            CompletableFuture<List<OutboxRow>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return table.lockOldest(second, 2);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                waiting.get(1, TimeUnit.SECONDS);
                fail("the second relay did not wait for the first one's locks");
            } catch (TimeoutException expected) {
                assertFalse(waiting.isDone());
            }
            table.delete(first, taken.stream().map(OutboxRow::id).toList());
            first.commit();
            List<OutboxRow> next = waiting.get(10, TimeUnit.SECONDS);
            assertEquals(List.of("c"), next.stream().map(OutboxRow::body).toList());
            second.commit();
        }
    }

    @Test
    void rowsWrittenInATransactionThatRollsBackAreNotThere() throws SQLException {
        OutboxTable table = new OutboxTable(null);
        try (Connection c = dataSource.getConnection()) {
            table.create(c);
            c.setAutoCommit(false);
            table.insert(c, "p", List.of("x"));
            assertTrue(!table.lockOldest(c, 10).isEmpty(), "the writer sees its row");
            c.rollback();
            assertEquals(List.of(), table.lockOldest(c, 10));
            c.commit();
        }
    }
}

package dev.roger.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Runs against a real PostgreSQL: {@code ROGER_JDBC_URL} if set, else the local one on
 * 127.0.0.1:5432 as user {@code postgres}. Each test uses its own tables and drops them.
 */
class JdbcStatePersisterTest {

    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private PGSimpleDataSource dataSource;
    private final List<String> tables = new ArrayList<>();

    @BeforeEach
    void connect() {
        String env = System.getenv("ROGER_JDBC_URL");
        String url = env == null || env.isBlank() ? DEFAULT_URL : env;
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        if (dataSource.getUser() == null) {
            dataSource.setUser("postgres");
        }
        dataSource.setConnectTimeout(5);
        try (Connection c = dataSource.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            fail("PostgreSQL is not reachable at " + url + " (" + e.getMessage() + "): start PostgreSQL on "
                    + "127.0.0.1:5432 (user postgres, trust authentication) or set ROGER_JDBC_URL to a "
                    + "reachable database, e.g. jdbc:postgresql://host:5432/db?user=u&password=p", e);
        }
    }

    @AfterEach
    void dropTables() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : tables) {
                s.executeUpdate("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    private String freshTable() {
        String table = "roger_state_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        tables.add(table);
        return table;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aNamedClustersRowsAreKeyedWithTheCluster() throws IOException {
        String table = freshTable();
        JdbcStatePersister persister = new JdbcStatePersister(dataSource, table);
        String longest = "c".repeat(15) + "." + "p".repeat(100);
        persister.store("p1", bytes("plain"));
        persister.store("blue.p1", bytes("blue"));
        persister.store(longest, bytes("long"));
        assertArrayEquals(bytes("plain"), persister.load("p1").orElseThrow());
        assertArrayEquals(bytes("blue"), persister.load("blue.p1").orElseThrow());
        assertArrayEquals(bytes("long"), persister.load(longest).orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> persister.load("blue.p1'; --"));
    }

    /** A table from before clusters keys 100 characters: a longer key fails to store, saying where. */
    @Test
    void anOlderTableRefusesKeysOverItsWidth() throws Exception {
        String table = freshTable();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE " + table + " (partition_id VARCHAR(100) PRIMARY KEY, "
                    + "state TEXT NOT NULL, updated_at TIMESTAMP NOT NULL)");
        }
        JdbcStatePersister persister = new JdbcStatePersister(dataSource, table);
        persister.store("blue." + "p".repeat(95), bytes("fits"));
        String over = "blue." + "p".repeat(96);
        IOException e = assertThrows(IOException.class, () -> persister.store(over, bytes("x")));
        assertTrue(e.getMessage().contains(over) && e.getMessage().contains(table), e.getMessage());
    }

    @Test
    void missingPartitionLoadsEmpty() throws IOException {
        assertEquals(Optional.empty(), new JdbcStatePersister(dataSource, freshTable()).load("p1"));
    }

    @Test
    void storeThenLoadAndUpdate() throws IOException {
        String table = freshTable();
        JdbcStatePersister persister = new JdbcStatePersister(dataSource, table);
        String first = "{\"v\":1,\"paused\":[\"q1\"],\"queueKeys\":{\"ключ\":\"job1\"}}";
        persister.store("p1", bytes(first));
        assertArrayEquals(bytes(first), persister.load("p1").orElseThrow());

        String second = "{\"v\":1,\"cancelVersion\":3}";
        persister.store("p1", bytes(second));
        assertArrayEquals(bytes(second), persister.load("p1").orElseThrow());
        assertEquals(Optional.empty(), persister.load("p2"));

        // another node's persister sees the same rows
        assertArrayEquals(bytes(second), new JdbcStatePersister(dataSource, table).load("p1").orElseThrow());
    }

    @Test
    void twoPersistersRacingToCreateTheTableBothWork() throws Exception {
        String table = freshTable();
        int n = 4;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Optional<byte[]>>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String partition = "p" + i;
                Callable<Optional<byte[]>> task = () -> {
                    JdbcStatePersister persister = new JdbcStatePersister(dataSource, table);
                    start.await(10, TimeUnit.SECONDS);
                    persister.store(partition, bytes(partition));
                    return persister.load(partition);
                };
                results.add(pool.submit(task));
            }
            for (int i = 0; i < n; i++) {
                assertArrayEquals(bytes("p" + i), results.get(i).get(30, TimeUnit.SECONDS).orElseThrow());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void racingInsertsOfOnePartitionBothSucceed() throws Exception {
        String table = freshTable();
        new JdbcStatePersister(dataSource, table).load("warm-up"); // the table exists: race the INSERT only
        int n = 4;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String state = "s" + i;
                results.add(pool.submit(() -> {
                    JdbcStatePersister persister = new JdbcStatePersister(dataSource, table);
                    start.await(10, TimeUnit.SECONDS);
                    persister.store("p1", bytes(state));
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        String stored = new String(new JdbcStatePersister(dataSource, table).load("p1").orElseThrow(),
                StandardCharsets.UTF_8);
        assertTrue(stored.matches("s[0-3]"), stored);
    }

    @Test
    void sqlFailuresNameThePartitionAndTable() {
        PGSimpleDataSource broken = new PGSimpleDataSource();
        broken.setUrl(dataSource.getUrl());
        broken.setUser(dataSource.getUser());
        broken.setPassword(dataSource.getPassword());
        broken.setDatabaseName("roger_no_such_database_" + UUID.randomUUID().toString().replace("-", ""));
        IOException e = assertThrows(IOException.class, () -> new JdbcStatePersister(broken, "t1").store("p7", bytes("x")));
        assertTrue(e.getMessage().contains("'p7'") && e.getMessage().contains("'t1'"), e.getMessage());
        e = assertThrows(IOException.class, () -> new JdbcStatePersister(broken).load("p8"));
        assertTrue(e.getMessage().contains("'p8'") && e.getMessage().contains("'roger_state'"), e.getMessage());
    }

    @Test
    void tableNamesMustBePlainIdentifiers() {
        assertThrows(IllegalArgumentException.class, () -> new JdbcStatePersister(dataSource, "x; DROP TABLE y"));
        assertThrows(IllegalArgumentException.class, () -> new JdbcStatePersister(dataSource, "1abc"));
        assertThrows(IllegalArgumentException.class, () -> new JdbcStatePersister(dataSource, null));
        assertEquals("roger_state", new JdbcStatePersister(dataSource).table());
    }
}

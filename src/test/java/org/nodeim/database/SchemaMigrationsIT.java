package org.nodeim.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The change log on a real database: embedded Derby always, and PostgreSQL too when the build
 * started one (the postgresql profile sets {@code nodeim.it.postgresql.port}). Only PostgreSQL
 * is shared by several servers: embedded Derby is opened by one.
 */
class SchemaMigrationsIT {

    private static final int NODES = 3;

    /** Opens connections to a new, empty database. */
    interface EmptyDatabase {
        Connection connect() throws SQLException;
    }

    static Stream<EmptyDatabase> databases() throws Exception {
        var databases = new ArrayList<EmptyDatabase>();
        Path home = Files.createTempDirectory(Path.of("target"), "migrations-derby-");
        String derby = "jdbc:derby:" + home.toAbsolutePath().resolve("nodeim") + ";create=true";
        databases.add(named("Derby", () -> DriverManager.getConnection(derby, "nodeim", "nodeim")));
        if (!POSTGRESQL_PORT.isBlank()) {
            databases.add(emptyPostgreSql());
        }
        return databases.stream();
    }

    private static final String POSTGRESQL_PORT = System.getProperty("nodeim.it.postgresql.port", "");

    private static EmptyDatabase emptyPostgreSql() throws SQLException {
        String name = newPostgreSqlDatabase("migrations_");
        String server = "jdbc:postgresql://127.0.0.1:" + POSTGRESQL_PORT + "/";
        return named("PostgreSQL", () -> DriverManager.getConnection(server + name, "nodeim", "nodeim"));
    }

    /** Creates a new, empty database on the build's PostgreSQL server; its name. */
    static String newPostgreSqlDatabase(String prefix) throws SQLException {
        String name = prefix + System.nanoTime();
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + POSTGRESQL_PORT + "/nodeim",
                "nodeim", "nodeim")) {
            admin.createStatement().execute("CREATE DATABASE " + name);
        }
        return name;
    }

    private static EmptyDatabase named(String name, EmptyDatabase database) {
        return new EmptyDatabase() {
            @Override
            public Connection connect() throws SQLException {
                return database.connect();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anEmptyDatabaseGetsEveryChangeSetOnceAndARestartNothing(EmptyDatabase database) throws Exception {
        try (Connection connection = database.connect()) {
            SchemaMigrations.migrate(connection);
            assertThat(connection.getAutoCommit()).as("the connection is given back as it came").isTrue();
            assertThat(appliedChangeSets(connection)).containsExactlyElementsOf(CHANGE_SETS);
        }
        try (Connection connection = database.connect()) {
            SchemaMigrations.migrate(connection);
            assertThat(appliedChangeSets(connection)).hasSize(CHANGE_SETS.size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDatabaseMadeBeforeMigrationsIsAdoptedWithItsData(EmptyDatabase database) throws Exception {
        try (Connection connection = database.connect()) {
            String dialect = connection.getMetaData().getDatabaseProductName().startsWith("Apache Derby") ? "derby" : "postgresql";
            // the tables as JPA created them before there were migrations, and a user in them
            String schema = new String(SchemaMigrationsIT.class.getResourceAsStream(
                    "/db/changelog/001-baseline-" + dialect + ".sql").readAllBytes(), StandardCharsets.UTF_8);
            try (Statement statement = connection.createStatement()) {
                for (String sql : schema.replaceAll("(?m)^--.*$", "").split(";")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
                statement.execute("INSERT INTO NODEIM_ADMIN (USERNAME, CREATED_AT, PASSWORD_HASH) VALUES ('kept', CURRENT_TIMESTAMP, 'h')");
            }
            SchemaMigrations.migrate(connection);
            try (var rows = connection.createStatement().executeQuery(
                    "SELECT ID, EXECTYPE FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED")) {
                var applied = new ArrayList<String>();
                while (rows.next()) {
                    applied.add(rows.getString(1) + " " + rows.getString(2));
                }
                assertThat(applied).containsExactly("001-baseline MARK_RAN", "002-friend-far-side-indexes EXECUTED",
                        "003-blocks EXECUTED", "004-message-edits EXECUTED",
                        "005-read-positions EXECUTED", "006-room-roles EXECUTED", "007-api-tokens EXECUTED",
                        "008-delivered-positions EXECUTED");
            }
            try (var rows = connection.createStatement().executeQuery("SELECT USERNAME FROM NODEIM_ADMIN")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("kept");
            }
        }
    }

    @Test
    void postgreSqlServersStartingAtOnceMigrateOnceAndAllStart() throws Exception {
        assumeTrue(!POSTGRESQL_PORT.isBlank(), "the postgresql profile starts PostgreSQL");
        EmptyDatabase database = emptyPostgreSql();
        ExecutorService nodes = Executors.newFixedThreadPool(NODES);
        try {
            var together = new CyclicBarrier(NODES);
            var starts = new ArrayList<CompletableFuture<Void>>();
            for (int i = 0; i < NODES; i++) {
                starts.add(CompletableFuture.runAsync(() -> {
                    try (Connection connection = database.connect()) {
                        together.await(30, TimeUnit.SECONDS);
                        SchemaMigrations.migrate(connection);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, nodes));
            }
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
        } finally {
            nodes.shutdownNow();
        }
        try (Connection connection = database.connect()) {
            assertThat(appliedChangeSets(connection)).as("each change set applied once")
                    .containsExactlyElementsOf(CHANGE_SETS);
        }
    }

    /** Every change set of the change log, in order. */
    static final List<String> CHANGE_SETS = List.of("001-baseline", "002-friend-far-side-indexes", "003-blocks",
            "004-message-edits", "005-read-positions", "006-room-roles", "007-api-tokens", "008-delivered-positions");

    /** The ids of the change sets recorded in the database, in the order they ran. */
    static List<String> appliedChangeSets(Connection connection) throws SQLException {
        var ids = new ArrayList<String>();
        try (var rows = connection.createStatement().executeQuery("SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}

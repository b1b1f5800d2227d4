package org.nodeim.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * The versioned schema: Liquibase applies the change sets of {@value #CHANGELOG} that a database
 * lacks, in order, and records them in its table {@code DATABASECHANGELOG}.
 *
 * <p>Nodes that start at once on one database must not both migrate. Liquibase's lock table
 * does not settle that on an empty database (both nodes create it, and then both hold the lock
 * or wait for each other), so on PostgreSQL a session-level advisory lock is taken first: one
 * node migrates, the others wait and then find nothing left to do; a node that dies releases it
 * with its connection. Embedded Derby is opened by one server only.
 */
public final class SchemaMigrations {

    /** The change log, on the class path of the application. */
    public static final String CHANGELOG = "db/changelog/changelog.xml";

    /** The advisory lock of nodeim's migrations on PostgreSQL ("nodeim" in ASCII). */
    private static final long POSTGRESQL_LOCK = 0x6e6f6465696dL;

    private SchemaMigrations() {
    }

    /** Brings the database of this connection to the latest schema; the caller closes the connection. */
    public static void migrate(Connection connection) throws SQLException {
        run(connection, null);
    }

    /**
     * Applies only the first {@code count} change sets (those not applied yet among them): the
     * database as an earlier version of nodeim left it. The caller closes the connection.
     */
    public static void migrateFirst(Connection connection, int count) throws SQLException {
        run(connection, count);
    }

    private static void run(Connection connection, Integer count) throws SQLException {
        if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            update(connection, count);
            return;
        }
        try (Statement lock = connection.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(" + POSTGRESQL_LOCK + ")");
            try {
                update(connection, count);
            } finally {
                lock.execute("SELECT pg_advisory_unlock(" + POSTGRESQL_LOCK + ")");
            }
        }
    }

    private static void update(Connection connection, Integer count) throws SQLException {
        // Liquibase would otherwise report usage over the network.
        Map<String, Object> settings = Map.of(
                AnalyticsArgs.ENABLED.getKey(), false,
                Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(SchemaMigrations.class.getClassLoader()));
        boolean autoCommit = connection.getAutoCommit();
        try {
            // not closed: Liquibase would close the connection, and on Derby shut down the engine
            liquibase.database.Database database =
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(settings, () -> {
                CommandScope update;
                if (count == null) {
                    update = new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG);
                } else {
                    update = new CommandScope(UpdateCountCommandStep.COMMAND_NAME)
                            .addArgumentValue(UpdateCountCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                            .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, count);
                }
                update.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database);
                update.execute();
            });
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException("the schema migration failed: " + e.getMessage(), e);
        } finally {
            // Liquibase leaves auto-commit off: the connection goes back as it came
            if (connection.getAutoCommit() != autoCommit) {
                connection.setAutoCommit(autoCommit);
            }
        }
    }
}

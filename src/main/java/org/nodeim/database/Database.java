package org.nodeim.database;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's data source: embedded Derby under {@code ./data/} by default, any other
 * JDBC data source class (Derby network server, PostgreSQL) through MicroProfile Config
 * ({@link ConfiguredDataSource}, so that the definition is the same on every server). At
 * deployment, before any other bean uses the database, its schema is brought to the latest
 * version ({@link SchemaMigrations}); a failed migration fails the deployment.
 *
 * <p>The pool checks a connection before handing it out, at most every few seconds
 * ({@link #VALIDATION_PERIOD_SECONDS}), so that the server serves again on its own once a
 * database that went away is back.
 */
@Singleton
@Startup
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "org.nodeim.database.ConfiguredDataSource",
        properties = {
                "settings=nodeim.db",
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
                "fish.payara.validate-atmost-once-period-in-seconds=" + Database.VALIDATION_PERIOD_SECONDS,
                "fish.payara.fail-all-connections=true"},
        minPoolSize = 2,
        maxPoolSize = 32)
public class Database {

    public static final String JNDI_NAME = "java:app/jdbc/nodeim";

    /**
     * How long a pooled connection is trusted without asking the database: after a database
     * restart, the pool finds its connections broken within this time, drops them all and opens
     * new ones.
     */
    static final int VALIDATION_PERIOD_SECONDS = 5;
    private static final String EMBEDDED_DERBY = "org.apache.derby.jdbc.EmbeddedDataSource";
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    @jakarta.inject.Inject
    @ConfigProperty(name = "nodeim.db.class")
    String dataSourceClass;

    @Resource(lookup = JNDI_NAME)
    DataSource dataSource;

    private volatile boolean migrated;

    /** Liquibase commits each change set itself: no container transaction around it. */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrateSchema() {
        try (Connection connection = dataSource.getConnection()) {
            SchemaMigrations.migrate(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("the database schema could not be brought up to date", e);
        }
        migrated = true;
    }

    /** Whether the data source is embedded Derby, which this server can back up itself. */
    public boolean isEmbeddedDerby() {
        return EMBEDDED_DERBY.equals(dataSourceClass);
    }

    /** Whether this node has brought the schema up to date (readiness). */
    public boolean isMigrated() {
        return migrated;
    }

    /** Whether a failure comes from a unique or other integrity constraint of the database (SQL state 23…). */
    public static boolean isConstraintViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /** Shuts embedded Derby down so that a redeploy in the same JVM can boot it again. */
    @PreDestroy
    void shutDownEmbeddedDerby() {
        if (!isEmbeddedDerby()) {
            return;
        }
        try {
            DriverManager.getConnection("jdbc:derby:;shutdown=true").close();
        } catch (SQLException e) {
            if (!"XJ015".equals(e.getSQLState())) {
                LOG.log(Level.WARNING, "embedded Derby did not shut down cleanly", e);
            }
        }
    }
}

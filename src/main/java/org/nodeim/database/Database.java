package org.nodeim.database;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's data source: embedded Derby under {@code ./data/} by default, any other
 * JDBC data source class (Derby network server, PostgreSQL) through MicroProfile Config.
 */
@Singleton
@Startup
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "${MPCONFIG=nodeim.db.class}",
        databaseName = "${MPCONFIG=nodeim.db.name}",
        serverName = "${MPCONFIG=nodeim.db.server}",
        user = "${MPCONFIG=nodeim.db.user}",
        password = "${MPCONFIG=nodeim.db.password}",
        properties = {"createDatabase=create"},
        minPoolSize = 2,
        maxPoolSize = 32)
public class Database {

    public static final String JNDI_NAME = "java:app/jdbc/nodeim";
    private static final String EMBEDDED_DERBY = "org.apache.derby.jdbc.EmbeddedDataSource";
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    @jakarta.inject.Inject
    @ConfigProperty(name = "nodeim.db.class")
    String dataSourceClass;

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
        if (!EMBEDDED_DERBY.equals(dataSourceClass)) {
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

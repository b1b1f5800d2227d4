package org.nodeim.operations;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.nodeim.database.Database;

/**
 * Ready only once this node has migrated the schema and while the database answers: without
 * either no command can be served.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final String NAME = "database";
    private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class.getName());
    private static final int TIMEOUT_SECONDS = 2;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @EJB
    Database database;

    /**
     * Made with the application, where its resources are looked up: some servers call health
     * checks first from threads of their own (WildFly, from its management interface), where
     * the application's names are not known.
     */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // nothing more: being made now is the point
    }

    @Override
    public HealthCheckResponse call() {
        if (!database.isMigrated()) {
            return HealthCheckResponse.named(NAME).down().withData("schema", "not migrated").build();
        }
        try (Connection connection = dataSource.getConnection()) {
            return HealthCheckResponse.named(NAME).status(connection.isValid(TIMEOUT_SECONDS))
                    .withData("schema", "migrated").build();
        } catch (SQLException e) {
            // the reason goes to the log, not to whoever asks for the health
            LOG.log(Level.WARNING, "the database does not answer", e);
            return HealthCheckResponse.down(NAME);
        }
    }
}

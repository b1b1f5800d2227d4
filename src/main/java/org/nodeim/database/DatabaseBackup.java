package org.nodeim.database;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Online backups of embedded Derby: a consistent copy of the whole database, taken while the
 * server keeps serving (Derby's {@code SYSCS_BACKUP_DATABASE}: writes wait while it copies), into
 * a new directory under {@code nodeim.backup.directory}. A database server (PostgreSQL) is backed
 * up with its own tools instead.
 */
@Stateless
public class DatabaseBackup {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @EJB
    Database database;

    @Inject
    @ConfigProperty(name = "nodeim.backup.directory", defaultValue = "backups")
    String backupDirectory;

    /** Whether this server can back its database up itself (embedded Derby). */
    public boolean isAvailable() {
        return database.isEmbeddedDerby();
    }

    /**
     * Backs the database up now; the directory written, which holds the database's own
     * directory (for the default name, {@code nodeim/}).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Path backUp() throws SQLException {
        if (!isAvailable()) {
            throw new IllegalStateException("the database is not embedded Derby: back it up with its own tools");
        }
        Path target = Path.of(backupDirectory).toAbsolutePath().resolve(LocalDateTime.now().format(NAME));
        try (Connection connection = dataSource.getConnection();
             CallableStatement backup = connection.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
            backup.setString(1, target.toString());
            backup.execute();
        }
        return target;
    }
}

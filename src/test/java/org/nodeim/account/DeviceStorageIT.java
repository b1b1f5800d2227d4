package org.nodeim.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.Deployments;

/** Inside the server: what the device table holds of a resume token is its hash, never the token. */
@ExtendWith(ArquillianExtension.class)
class DeviceStorageIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war().addClasses(DeviceStorageIT.class, Deployments.class);
    }

    @Resource(lookup = "java:app/jdbc/nodeim")
    DataSource dataSource;

    @Inject
    AccountService accounts;

    @Inject
    DeviceService devices;

    @Test
    void theTableHoldsTheTokensHashAndNeverTheToken() throws SQLException {
        long user = accounts.signup("stored-" + System.nanoTime(), "pw", JsonValue.EMPTY_JSON_OBJECT);
        DeviceService.Issued issued = devices.issue(user, "192.0.2.1");

        try (var connection = dataSource.getConnection();
             var select = connection.prepareStatement("SELECT * FROM NODEIM_DEVICE WHERE USER_ID = ?")) {
            select.setLong(1, user);
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next(), "the device is stored");
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    String value = rows.getString(column);
                    assertFalse(value != null && value.contains(issued.token()),
                            "column " + rows.getMetaData().getColumnName(column) + " holds the token");
                }
                assertEquals(ResumeToken.hash(issued.token()), rows.getString("TOKEN_HASH"));
                assertFalse(rows.next(), "one device");
            }
        }
        assertEquals(user, devices.resume(issued.token(), "192.0.2.2").orElseThrow().user().id());
    }
}

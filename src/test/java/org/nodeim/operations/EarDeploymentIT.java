package org.nodeim.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.nodeim.testing.ChatClient.json;

import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.PayaraServer;
import org.nodeim.testing.TestServer;

/**
 * The EAR ({@code ear/}) deployed with asadmin on a full Payara Server (Payara Micro deploys
 * WARs only) serves nodeim at the root context: signup, signin and a message between two
 * users. The EAR is built after the WAR is tested, so this test runs in a later step, the
 * {@code ear} profile, which also brings the Payara Server distribution:
 * {@code mvn -Pear failsafe:integration-test failsafe:verify} (what {@code .ci/run} does).
 */
@Tag(TestServer.PAYARA_ONLY) // the EAR goes to a full Payara Server (the ear profile)
class EarDeploymentIT {

    @Test
    void theEarServesSignupSigninAndMessages() throws Exception {
        String ear = System.getProperty("nodeim.ear", "");
        String distribution = System.getProperty("payara.server.zip", "");
        assumeTrue(!ear.isBlank() && !distribution.isBlank(), "the ear profile names the EAR and Payara Server");
        assertThat(Path.of(ear)).isRegularFile();

        try (var server = PayaraServer.start(Path.of(distribution), "ear")) {
            // as README says: Payara Server resolves the data source at its own level
            server.setSystemProperties(Map.of(
                    "nodeim.db.class", "org.apache.derby.jdbc.EmbeddedDataSource",
                    "nodeim.db.name", "nodeim",
                    "nodeim.db.server", "localhost",
                    "nodeim.db.port", "1527",
                    "nodeim.db.user", "nodeim",
                    "nodeim.db.password", "nodeim"));
            server.deploy(Path.of(ear));
            signUpSignInAndMessage(server.base());
        }
    }

    /** Two users sign up and in through the deployment at {@code base}; one sends the other a message. */
    static void signUpSignInAndMessage(URL base) throws Exception {
        try (var ann = ChatClient.connect(base); var bob = ChatClient.connect(base)) {
            String annName = ChatClient.uniqueName("ear-ann");
            String bobName = ChatClient.uniqueName("ear-bob");
            long annId = ann.signUp(annName, "ear-password");
            long bobId = bob.signUp(bobName, "ear-password");
            ann.signIn(annName, "ear-password");
            bob.signIn(bobName, "ear-password");
            assertThat(ann.call("message", json("to", bobId, "message", "from the EAR")).optInt("code")).isEqualTo(200);
            var received = bob.nextEvent("message");
            assertThat(received.optString("message")).isEqualTo("from the EAR");
            assertThat(received.getJSONObject("from").getLong("id")).isEqualTo(annId);
        }
    }
}

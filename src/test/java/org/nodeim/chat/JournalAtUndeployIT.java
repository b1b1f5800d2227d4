package org.nodeim.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Deployments;
import org.nodeim.testing.TestServer;
import org.nodeim.testing.Users;

/**
 * Undeploying the application (as a graceful stop of the server does) writes what the message
 * journal held in memory: here, how far a room member had read, recorded when the room message
 * reached him and written, with the positions interval set to an hour, only by the journal's
 * stop. After the application is deployed again, his signin brings no room message twice.
 * WildFly stops the application's EJBs before it destroys its CDI beans, so the journal's last
 * write must be made while the EJB it writes through still runs (Payara's stop is covered by
 * {@code ShutdownIT}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag(TestServer.WILDFLY_ONLY) // Payara Micro's test container cannot deploy the application a second time
class JournalAtUndeployIT {

    private static final String DEPLOYMENT = "journal-at-undeploy";

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.war("nodeim.chat.positions-every-millis=3600000");
    }

    @ArquillianResource
    Deployer deployer;

    private boolean deployed;

    @AfterEach
    void undeploy() {
        if (deployed) {
            deployer.undeploy(DEPLOYMENT);
        }
    }

    @Test
    void aMembersReadPositionInMemoryIsWrittenAtUndeploy() throws Exception {
        URL base = TestServer.wildFlyBase();
        deployer.deploy(DEPLOYMENT);
        deployed = true;
        String bobName;
        long room;
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            bobName = bob.name();
            room = ann.client().call("room.create", json("name", ChatClient.uniqueName("stop"))).optJSONObject("room").optLong("id");
            assertThat(bob.client().call("room.join", json("id", room)).optInt("code")).isEqualTo(200);
            assertThat(ann.client().call("room.message", json("id", room, "message", "before the stop")).optInt("code"))
                    .isEqualTo(200);
            assertThat(bob.client().nextEvent("message").optString("message")).isEqualTo("before the stop");

            deployer.undeploy(DEPLOYMENT);
            deployed = false;
        }

        deployer.deploy(DEPLOYMENT);
        deployed = true;
        try (var bob = ChatClient.connect(base)) {
            bob.signIn(bobName, "pw");
            // the signin queues its backlog before the next command is read: a repeated message would come first
            assertThat(bob.call("room.message", json("id", room, "message", "after the restart")).optInt("code"))
                    .isEqualTo(200);
            assertThat(bob.nextEvent("message").optString("message")).as("nothing twice").isEqualTo("after the restart");
        }
    }
}

package org.nodeim.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;

import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONArray;
import org.json.JSONObject;
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
 * journal held in memory: how far a room member had read, how far his device had received a
 * direct message (both written, with the positions interval set to an hour, only by the
 * journal's stop), and the checkpoint past that message. After the application is deployed
 * again, his signin brings nothing twice, and the sender reads the receipt. WildFly stops the
 * application's EJBs before it destroys its CDI beans, so the journal's last write must be made
 * while the EJB it writes through still runs (Payara's stop is covered by {@code ShutdownIT}).
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
    void whatTheJournalHeldInMemoryIsWrittenAtUndeploy() throws Exception {
        URL base = TestServer.wildFlyBase();
        deployer.deploy(DEPLOYMENT);
        deployed = true;
        String annName;
        String bobName;
        long bobId;
        long room;
        long direct;
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            annName = ann.name();
            bobName = bob.name();
            bobId = bob.id();
            room = ann.client().call("room.create", json("name", ChatClient.uniqueName("stop"))).optJSONObject("room").optLong("id");
            assertThat(bob.client().call("room.join", json("id", room)).optInt("code")).isEqualTo(200);
            assertThat(ann.client().call("room.message", json("id", room, "message", "in the room")).optInt("code"))
                    .isEqualTo(200);
            assertThat(ann.client().call("message", json("to", bobId, "message", "to bob")).optInt("code")).isEqualTo(200);
            var received = new HashMap<String, Long>();
            for (int i = 0; i < 2; i++) {
                JSONObject event = bob.client().nextEvent("message");
                received.put(event.optString("message"), event.optLong("id"));
            }
            assertThat(received).containsOnlyKeys("in the room", "to bob");
            direct = received.get("to bob");
            // the client acknowledged both events before it sent this command, which the server reads after them
            assertThat(bob.client().call("deliveries", json("with", ann.id())).optInt("code")).isEqualTo(200);

            deployer.undeploy(DEPLOYMENT);
            deployed = false;
        }

        deployer.deploy(DEPLOYMENT);
        deployed = true;
        try (var bob = ChatClient.connect(base); var ann = ChatClient.connect(base)) {
            bob.signIn(bobName, "pw");
            // the signin queues what waited before the next command is read: a repeated message would come first
            assertThat(bob.call("room.message", json("id", room, "message", "after the restart")).optInt("code"))
                    .isEqualTo(200);
            assertThat(bob.nextEvent("message").optString("message")).as("nothing twice").isEqualTo("after the restart");

            ann.signIn(annName, "pw");
            JSONArray deliveries = ann.call("deliveries", json("with", bobId)).optJSONArray("deliveries");
            var bobsReceipts = new ArrayList<Long>();
            for (int i = 0; i < deliveries.length(); i++) {
                if (deliveries.getJSONObject(i).optLong("user") == bobId) {
                    bobsReceipts.add(deliveries.getJSONObject(i).optLong("upTo"));
                }
            }
            assertThat(bobsReceipts).as("bob's device received the direct message").containsExactly(direct);
        }
    }
}

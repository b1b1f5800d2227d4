package org.nodeim.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.nodeim.testing.ChatClient.json;

import java.io.IOException;
import java.sql.DriverManager;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.PayaraMicroProcess;
import org.nodeim.testing.Users;

/**
 * Two nodes in one Data Grid on loopback, sharing one PostgreSQL database (the postgresql
 * profile starts it): users on different nodes talk, see each other's presence, and a node
 * killed with SIGKILL takes its users offline for their friends on the other node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String POSTGRESQL_PORT = System.getProperty("nodeim.it.postgresql.port", "");

    private static PayaraMicroProcess first;
    private static PayaraMicroProcess second;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        assumeTrue(!POSTGRESQL_PORT.isEmpty(), "a cluster shares a network database: run with -Ppostgresql");
        int port = Integer.parseInt(POSTGRESQL_PORT);
        String database = "cluster_" + System.nanoTime();
        try (var admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/nodeim", "nodeim", "nodeim")) {
            admin.createStatement().execute("CREATE DATABASE " + database);
        }
        int firstGrid = PayaraMicroProcess.freePort();
        int secondGrid = PayaraMicroProcess.freePort();
        String members = "127.0.0.1:" + firstGrid + ",127.0.0.1:" + secondGrid;
        // a grid and log names of its own: a rerun of this class keeps the logs of the first, and
        // a node left over by an earlier run cannot join
        String run = "nodeim-it-" + System.currentTimeMillis() % 1_000_000;
        var starting = CompletableFuture.supplyAsync(() -> start(run + "-2", run, secondGrid, members, port, database));
        try {
            first = start(run + "-1", run, firstGrid, members, port, database);
        } finally {
            second = starting.get(5, TimeUnit.MINUTES);
        }
    }

    private static PayaraMicroProcess start(String label, String grid, int gridPort, String members, int port,
                                            String database) {
        try {
            return PayaraMicroProcess.startClusterNode(label, grid, gridPort, members, port, database);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopNodes() {
        for (PayaraMicroProcess node : new PayaraMicroProcess[] {first, second}) {
            if (node != null) {
                node.kill();
            }
        }
    }

    @Test
    @Order(1)
    void friendRequestsDirectAndRoomMessagesCrossNodes() throws Exception {
        try (var ann = Users.signedIn(first.base(), "ann"); var bob = Users.signedIn(second.base(), "bob")) {
            Users.befriend(ann, bob);
            assertThat(ann.client().call("message", json("to", bob.id(), "message", "across")).optInt("code")).isEqualTo(200);
            assertThat(bob.client().nextEvent("message").optString("message")).isEqualTo("across");

            long room = ann.client().call("room.create", json("name", ChatClient.uniqueName("room")))
                    .getJSONObject("room").getLong("id");
            assertThat(bob.client().call("room.join", json("id", room)).optInt("code")).isEqualTo(200);
            assertThat(ann.client().call("room.message", json("id", room, "message", "to all")).optInt("code")).isEqualTo(200);
            JSONObject posted = bob.client().nextEvent("message");
            assertThat(posted.optString("message")).isEqualTo("to all");
            assertThat(posted.optLong("room")).isEqualTo(room);
        }
    }

    @Test
    @Order(2)
    void aUserIsOnlineOnceInTheClusterAndOfflineWithTheirLastConnection() {
        try (var ann = Users.signedIn(first.base(), "ann"); var bob = Users.signedIn(second.base(), "bob")) {
            Users.befriend(ann, bob);
            ChatClient bobElsewhere = bob.anotherDevice(first.base());
            bob.close();
            bobElsewhere.call("presence", json("presence", "still here"));
            assertThat(ann.client().nextEvent("presence").optString("presence"))
                    .as("bob's first device left, bob stayed online on the other node").isEqualTo("still here");
            bobElsewhere.close();
            JSONObject offline = ann.client().nextEvent("presence");
            assertThat(offline.optLong("id")).isEqualTo(bob.id());
            assertThat(offline.optString("presence")).isEqualTo("offline");
        }
    }

    @Test
    @Order(3)
    void aKilledNodeTakesItsUsersOfflineAndTheirMessagesWait() {
        var ann = Users.signedIn(first.base(), "ann");
        var bob = Users.signedIn(second.base(), "bob");
        try (ann; bob) {
            Users.befriend(ann, bob);
            second.kill();
            JSONObject offline = ann.client().nextEvent("presence");
            assertThat(offline.optLong("id")).isEqualTo(bob.id());
            assertThat(offline.optString("presence")).isEqualTo("offline");

            assertThat(ann.client().call("message", json("to", bob.id(), "message", "while you were gone")).optInt("code"))
                    .isEqualTo(200);
            try (var back = ChatClient.connect(first.base())) {
                back.signIn(bob.name(), "pw");
                assertThat(back.nextEvent("message").optString("message")).isEqualTo("while you were gone");
            }
        }
    }
}

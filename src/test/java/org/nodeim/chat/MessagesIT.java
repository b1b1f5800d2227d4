package org.nodeim.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;

import io.socket.thread.EventThread;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Deployments;
import org.nodeim.testing.Loopback;
import org.nodeim.testing.RawSocket;
import org.nodeim.testing.Users;

/** Direct messages, offline delivery, history, and rooms, with several users. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MessagesIT {

    static final int MAX_MESSAGE_BYTES = 8192;
    static final int MAX_CONNECTIONS_PER_USER = 3;

    /** How long a message can be edited here: long enough for a test, short enough to see it end. */
    static final int EDIT_SECONDS = 3;

    /** Characters queued for a slow client before it is closed: reached long before the frame limit. */
    static final int OUTBOUND_QUEUE_BYTES = 1_048_576;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("nodeim.chat.max-message-bytes=" + MAX_MESSAGE_BYTES,
                "nodeim.protocol.outbound-queue-bytes=" + OUTBOUND_QUEUE_BYTES,
                "nodeim.presence.max-connections-per-user=" + MAX_CONNECTIONS_PER_USER,
                "nodeim.chat.edit-seconds=" + EDIT_SECONDS).addClass(UnencodableEventProbe.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void aMessageReachesEveryConnectionOfTheRecipientButNotTheSendersOthers() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
             var bobPhone = bob.anotherDevice(base); var annPhone = ann.anotherDevice(base)) {
            var reply = ann.client().call("message", json("to", bob.id(), "message", "<b>hello</b>", "time", 12345));
            assertThat(reply.optInt("code")).isEqualTo(200);
            for (ChatClient device : List.of(bob.client(), bobPhone)) {
                JSONObject message = device.nextEvent("message");
                assertThat(message.optString("message")).isEqualTo("<b>hello</b>");
                assertThat(message.optLong("to")).isEqualTo(bob.id());
                assertThat(message.optJSONObject("from").optLong("id")).isEqualTo(ann.id());
                assertThat(message.optJSONObject("from").optString("username")).isEqualTo(ann.name());
                assertThat(message.optLong("time")).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
                assertThat(message.optLong("clientTime")).isEqualTo(12345);
                assertThat(message.has("type")).isFalse();
                assertThat(message.has("room")).isFalse();
            }
            annPhone.call("friends", new JSONObject());
            assertThat(annPhone.events("message")).isEmpty();
        }
    }

    @Test
    void editsAndRetractionsReachTheReadersAndHistoryKeepsOnlyTheLatest() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
             var annPhone = ann.anotherDevice(base)) {
            assertThat(ann.client().call("message", json("to", bob.id(), "message", "first draft")).optInt("code")).isEqualTo(200);
            long id = bob.client().nextEvent("message").optLong("id");

            assertThat(ann.client().call("message.edit", json("id", id, "message", "<b>final</b><script>x()</script>"))
                    .optInt("code")).isEqualTo(200);
            for (ChatClient reader : List.of(bob.client(), annPhone)) {
                JSONObject edit = reader.nextEvent("message.edit");
                assertThat(edit.optLong("id")).isEqualTo(id);
                assertThat(edit.optLong("from")).isEqualTo(ann.id());
                assertThat(edit.optLong("to")).isEqualTo(bob.id());
                assertThat(edit.optString("message")).as("sanitized as any message").isEqualTo("<b>final</b>");
                assertThat(edit.optLong("edited")).isPositive();
            }
            JSONObject shown = bob.client().call("log", json("from", ann.id())).optJSONArray("docs").optJSONObject(0);
            assertThat(shown.optString("message")).isEqualTo("<b>final</b>");
            assertThat(shown.has("edited")).isTrue();

            assertThat(bob.client().call("message.edit", json("id", id, "message", "mine now")).optInt("code"))
                    .as("not the sender").isEqualTo(404);
            assertThat(ann.client().call("message.edit", json("id", 999_999_999L, "message", "x")).optInt("code")).isEqualTo(404);
            assertThat(ann.client().call("message.edit", json("message", "x")).optInt("code")).isEqualTo(403);
            assertThat(ann.client().call("message.edit", json("id", id)).optInt("code")).isEqualTo(403);

            assertThat(ann.client().call("message.retract", json("id", id)).optInt("code")).isEqualTo(200);
            JSONObject retraction = bob.client().nextEvent("message.retract");
            assertThat(retraction.optLong("id")).isEqualTo(id);
            assertThat(retraction.optBoolean("retracted")).isTrue();
            assertThat(retraction.optString("message")).isEmpty();
            JSONObject gone = bob.client().call("log", json("from", ann.id())).optJSONArray("docs").optJSONObject(0);
            assertThat(gone.optBoolean("retracted")).isTrue();
            assertThat(gone.optString("message")).isEmpty();
            assertThat(ann.client().call("message.retract", json("id", id)).optInt("code")).as("once").isEqualTo(404);
            assertThat(ann.client().call("message.edit", json("id", id, "message", "back")).optInt("code")).isEqualTo(404);

            // a message edited while its reader is away arrives with its latest text only
            bob.goOffline();
            assertThat(ann.client().call("message", json("to", bob.id(), "message", "tpyo")).optInt("code")).isEqualTo(200);
            long waiting = ann.client().call("log", json("from", bob.id())).optJSONArray("docs").optJSONObject(0).optLong("id");
            assertThat(ann.client().call("message.edit", json("id", waiting, "message", "typo fixed")).optInt("code")).isEqualTo(200);
            try (var bobAgain = ChatClient.connect(base)) {
                bobAgain.signIn(bob.name(), "pw");
                JSONObject arrived = bobAgain.nextEvent("message");
                assertThat(arrived.optLong("id")).isEqualTo(waiting);
                assertThat(arrived.optString("message")).isEqualTo("typo fixed");
                assertThat(arrived.has("edited")).isTrue();
            }

            // in a room, every member hears of it
            long room = ann.client().call("room.create", json("name", "edits")).optJSONObject("room").optLong("id");
            try (var cat = Users.signedIn(base, "cat")) {
                assertThat(cat.client().call("room.join", json("id", room)).optInt("code")).isEqualTo(200);
                ann.client().call("room.message", json("id", room, "message", "agenda"));
                long posted = cat.client().nextEvent("message").optLong("id");
                assertThat(ann.client().call("message.edit", json("id", posted, "message", "agenda, v2")).optInt("code")).isEqualTo(200);
                JSONObject roomEdit = cat.client().nextEvent("message.edit");
                assertThat(roomEdit.optLong("room")).isEqualTo(room);
                assertThat(roomEdit.optString("message")).isEqualTo("agenda, v2");
                assertThat(cat.client().call("log", json("room", room)).optJSONArray("docs").optJSONObject(0).optString("message"))
                        .isEqualTo("agenda, v2");
            }
        }
    }

    @Test
    void readPositionsReachTheOtherSideMoveOnlyForwardAndAreKept() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
             var cat = Users.signedIn(base, "cat"); var bobPhone = bob.anotherDevice(base)) {
            for (String text : List.of("one", "two")) {
                assertThat(ann.client().call("message", json("to", bob.id(), "message", text)).optInt("code")).isEqualTo(200);
            }
            long one = bob.client().nextEvent("message").optLong("id");
            long two = bob.client().nextEvent("message").optLong("id");

            JSONObject read = bob.client().call("read", json("with", ann.id(), "upTo", one));
            assertThat(read.optInt("code")).isEqualTo(200);
            assertThat(read.optLong("upTo")).isEqualTo(one);
            for (ChatClient reader : List.of(ann.client(), bobPhone)) {
                JSONObject event = reader.nextEvent("read");
                assertThat(event.optLong("by")).isEqualTo(bob.id());
                assertThat(event.optLong("with")).isEqualTo(ann.id());
                assertThat(event.optLong("upTo")).isEqualTo(one);
                assertThat(event.optLong("time")).isPositive();
            }
            assertThat(bob.client().call("read", json("with", ann.id(), "upTo", one)).optLong("upTo")).isEqualTo(one);
            assertThat(bob.client().call("read", json("with", ann.id(), "upTo", two)).optLong("upTo")).isEqualTo(two);
            assertThat(ann.client().nextEvent("read").optLong("upTo")).as("the same position again told nothing")
                    .isEqualTo(two);
            assertThat(bob.client().call("read", json("with", ann.id(), "upTo", one)).optLong("upTo"))
                    .as("never back").isEqualTo(two);

            // a sender who was away reads the positions when back
            ann.goOffline();
            try (var annAgain = ChatClient.connect(base)) {
                annAgain.signIn(ann.name(), "pw");
                JSONArray reads = annAgain.call("reads", json("with", bob.id())).optJSONArray("reads");
                assertThat(reads.length()).isEqualTo(1);
                assertThat(reads.optJSONObject(0).optLong("user")).isEqualTo(bob.id());
                assertThat(reads.optJSONObject(0).optLong("upTo")).isEqualTo(two);

                long room = annAgain.call("room.create", json("name", "reads")).optJSONObject("room").optLong("id");
                assertThat(bob.client().call("room.join", json("id", room)).optInt("code")).isEqualTo(200);
                annAgain.call("room.message", json("id", room, "message", "minutes"));
                long posted = bob.client().nextEvent("message").optLong("id");
                assertThat(bob.client().call("read", json("room", room, "upTo", posted)).optInt("code")).isEqualTo(200);
                JSONObject roomRead = annAgain.nextEvent("read");
                assertThat(roomRead.optLong("room")).isEqualTo(room);
                assertThat(roomRead.optLong("by")).isEqualTo(bob.id());
                JSONArray roomReads = annAgain.call("reads", json("room", room)).optJSONArray("reads");
                assertThat(roomReads.length()).isEqualTo(1);
                assertThat(roomReads.optJSONObject(0).optLong("upTo")).isEqualTo(posted);
                assertThat(cat.client().call("read", json("room", room, "upTo", posted)).optInt("code")).as("not a member").isEqualTo(404);
                assertThat(cat.client().call("reads", json("room", room)).optInt("code")).isEqualTo(404);
            }
            assertThat(cat.client().call("read", json("with", cat.id(), "upTo", one)).optInt("code")).as("oneself").isEqualTo(404);
            assertThat(cat.client().call("read", json("with", 999_999_999L, "upTo", one)).optInt("code")).isEqualTo(404);
            assertThat(cat.client().call("read", json("with", ann.id())).optInt("code")).isEqualTo(403);
            assertThat(cat.client().call("read", json("upTo", one)).optInt("code")).isEqualTo(403);
        }
    }

    @Test
    void eachDeviceOfTheRecipientTellsTheSenderHowFarItReceivedAndAnAbsentSenderAsksLater() {
        try (var ann = Users.signedIn(base, "ann"); var desk = ChatClient.connect(base)) {
            String bob = ChatClient.uniqueName("bob");
            long bobId = desk.signUp(bob, "pw");
            long deskDevice = desk.signIn(bob, "pw").optLong("device");
            JSONObject phoneSignin;
            long one;
            long two;
            try (var phone = ChatClient.connect(base)) {
                phoneSignin = phone.signIn(bob, "pw");
                assertThat(deskDevice).isPositive().isNotEqualTo(phoneSignin.optLong("device"));
                for (String text : List.of("one", "two")) {
                    assertThat(ann.client().call("message", json("to", bobId, "message", text)).optInt("code")).isEqualTo(200);
                }
                one = desk.nextEvent("message").optLong("id");
                two = desk.nextEvent("message").optLong("id");
                assertThat(phone.nextEvent("message").optLong("id")).isEqualTo(one);
                assertThat(phone.nextEvent("message").optLong("id")).isEqualTo(two);

                // each device's position reaches "two", one event or two (receipts are coalesced), never back
                var reached = new HashMap<Long, Long>();
                while (reached.size() < 2 || reached.values().stream().anyMatch(upTo -> upTo != two)) {
                    JSONObject delivered = ann.client().nextEvent("delivered");
                    assertThat(delivered.optLong("to")).isEqualTo(bobId);
                    assertThat(delivered.optLong("device")).isIn(deskDevice, phoneSignin.optLong("device"));
                    assertThat(delivered.optLong("upTo")).isIn(one, two);
                    assertThat(delivered.optLong("time")).isPositive();
                    Long before = reached.put(delivered.optLong("device"), delivered.optLong("upTo"));
                    assertThat(before == null || before < delivered.optLong("upTo")).as("moves forward: %s", delivered).isTrue();
                }
                assertThat(desk.events("delivered")).as("the recipient is not told").isEmpty();
            }

            // bob's phone is away; ann writes, then leaves; the phone comes back with its token
            assertThat(ann.client().call("message", json("to", bobId, "message", "three")).optInt("code")).isEqualTo(200);
            long three = desk.nextEvent("message").optLong("id");
            desk.close();
            assertThat(ann.client().call("message", json("to", bobId, "message", "four")).optInt("code")).isEqualTo(200);
            ann.goOffline();
            try (var phone = ChatClient.connect(base)) {
                JSONObject resumed = phone.call("signin", json("token", phoneSignin.optString("token")));
                assertThat(resumed.optLong("device")).as("the same device").isEqualTo(phoneSignin.optLong("device"));
                long four = phone.nextEvent("message").optLong("id");
                assertThat(four).as("only what waited: three reached the desk").isGreaterThan(three);

                try (var annAgain = ChatClient.connect(base)) {
                    annAgain.signIn(ann.name(), "pw");
                    Awaitility.await().atMost(Duration.ofSeconds(ChatClient.TIMEOUT_SECONDS)).pollInterval(Duration.ofMillis(100))
                            .untilAsserted(() -> assertThat(deviceDeliveries(annAgain, bobId)).containsExactlyInAnyOrder(
                                    bobId + "/" + deskDevice + "/" + three,
                                    bobId + "/" + phoneSignin.optLong("device") + "/" + four));

                    // a recipient who blocks the sender is no longer shown to them
                    assertThat(phone.call("block", json("id", ann.id())).optInt("code")).isEqualTo(200);
                    assertThat(deviceDeliveries(annAgain, bobId)).isEmpty();
                    assertThat(phone.call("unblock", json("id", ann.id())).optInt("code")).isEqualTo(200);

                    // in a room: how far each member received it
                    long room = annAgain.call("room.create", json("name", "deliveries")).optJSONObject("room").optLong("id");
                    assertThat(phone.call("room.join", json("id", room)).optInt("code")).isEqualTo(200);
                    assertThat(annAgain.call("room.message", json("id", room, "message", "minutes")).optInt("code")).isEqualTo(200);
                    long posted = phone.nextEvent("message").optLong("id");
                    Awaitility.await().atMost(Duration.ofSeconds(ChatClient.TIMEOUT_SECONDS)).pollInterval(Duration.ofMillis(200))
                            .untilAsserted(() -> assertThat(roomDeliveries(annAgain, room)).contains(bobId + "/" + posted));
                    assertThat(annAgain.call("deliveries", json("room", 999_999_999L)).optInt("code")).isEqualTo(404);
                    assertThat(annAgain.call("deliveries", json()).optInt("code")).isEqualTo(403);
                }
            }
        }
    }

    /** {@code deliveries {with}} as {@code user/device/upTo}, the other user's rows only. */
    private static List<String> deviceDeliveries(ChatClient client, long with) {
        JSONObject reply = client.call("deliveries", json("with", with));
        assertThat(reply.optInt("code")).as("%s", reply).isEqualTo(200);
        var rows = new ArrayList<String>();
        JSONArray list = reply.optJSONArray("deliveries");
        for (int i = 0; i < list.length(); i++) {
            JSONObject row = list.optJSONObject(i);
            if (row.optLong("user") == with) {
                assertThat(row.optLong("time")).isPositive();
                rows.add(row.optLong("user") + "/" + row.optLong("device") + "/" + row.optLong("upTo"));
            }
        }
        return rows;
    }

    /** {@code deliveries {room}} as {@code user/upTo}. */
    private static List<String> roomDeliveries(ChatClient client, long room) {
        JSONObject reply = client.call("deliveries", json("room", room));
        assertThat(reply.optInt("code")).as("%s", reply).isEqualTo(200);
        var rows = new ArrayList<String>();
        JSONArray list = reply.optJSONArray("deliveries");
        for (int i = 0; i < list.length(); i++) {
            rows.add(list.optJSONObject(i).optLong("user") + "/" + list.optJSONObject(i).optLong("upTo"));
        }
        return rows;
    }

    @Test
    void aMessageCanBeChangedOnlyWithinTheEditWindow() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            assertThat(ann.client().call("message", json("to", bob.id(), "message", "soon frozen")).optInt("code")).isEqualTo(200);
            long id = bob.client().nextEvent("message").optLong("id");
            var edits = new AtomicInteger();
            // edits succeed until the window closes (polled every 200 ms, for three windows at most)
            Awaitility.await().atMost(Duration.ofSeconds(3L * EDIT_SECONDS)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        int code = ann.client().call("message.edit", json("id", id, "message", "edit " + edits.incrementAndGet()))
                                .optInt("code");
                        assertThat(code).isIn(200, 403);
                        return code == 403;
                    });
            assertThat(edits.get()).as("edited at least once before the window closed").isGreaterThan(1);
            assertThat(ann.client().call("message.retract", json("id", id)).optInt("code")).isEqualTo(403);
        }
    }

    @Test
    void typingReachesTheOtherSideOnlyAndAtMostOnceInTwoSeconds() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
             var cat = Users.signedIn(base, "cat"); var annPhone = ann.anotherDevice(base)) {
            JSONObject first = ann.client().call("typing", json("to", bob.id()));
            assertThat(first.optInt("code")).isEqualTo(200);
            assertThat(first.optBoolean("sent")).isTrue();
            JSONObject typing = bob.client().nextEvent("typing");
            assertThat(typing.optLong("from")).isEqualTo(ann.id());
            assertThat(typing.optLong("to")).isEqualTo(bob.id());
            assertThat(typing.optLong("expires")).isEqualTo(5000);
            assertThat(typing.has("room")).isFalse();
            JSONObject again = ann.client().call("typing", json("to", bob.id()));
            assertThat(again.optInt("code")).isEqualTo(200);
            assertThat(again.optBoolean("sent")).as("within two seconds of the first").isFalse();
            assertThat(ann.client().call("message", json("to", bob.id(), "message", "after typing")).optInt("code")).isEqualTo(200);
            assertThat(bob.client().nextEvent("message").optString("message")).isEqualTo("after typing");
            assertThat(bob.client().events("typing")).as("the second notice was dropped").isEmpty();
            assertThat(annPhone.events("typing")).as("the sender's devices hear nothing").isEmpty();

            long room = ann.client().call("room.create", json("name", "typing room")).optJSONObject("room").optLong("id");
            assertThat(bob.client().call("room.join", json("id", room)).optInt("code")).isEqualTo(200);
            assertThat(bob.client().call("typing", json("room", room)).optBoolean("sent")).isTrue();
            JSONObject inRoom = ann.client().nextEvent("typing");
            assertThat(inRoom.optLong("from")).isEqualTo(bob.id());
            assertThat(inRoom.optLong("room")).isEqualTo(room);
            assertThat(annPhone.nextEvent("typing").optLong("room")).isEqualTo(room);
            assertThat(bob.client().call("room.message", json("id", room, "message", "after")).optInt("code")).isEqualTo(200);
            assertThat(bob.client().nextEvent("message").optString("message")).isEqualTo("after");
            assertThat(bob.client().events("typing")).as("not to the one typing").isEmpty();

            assertThat(cat.client().call("typing", json("room", room)).optInt("code")).as("not a member").isEqualTo(404);
            assertThat(cat.client().call("typing", json("to", 999_999_999L)).optInt("code")).isEqualTo(404);
            assertThat(cat.client().call("typing", json("to", cat.id())).optInt("code")).as("oneself").isEqualTo(404);
            assertThat(cat.client().call("typing", new JSONObject()).optInt("code")).isEqualTo(403);
        }
    }

    @Test
    void searchFindsTheTextOfOneConversationOrRoomNeverTagsOrOthers() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
             var cat = Users.signedIn(base, "cat")) {
            for (String text : List.of("Lunch at <b>noon</b>", "the B-team", "100% sure_thing", "fish &amp; chips",
                    "nothing here")) {
                assertThat(ann.client().call("message", json("to", bob.id(), "message", text)).optInt("code")).isEqualTo(200);
            }
            assertThat(bob.client().call("message", json("to", ann.id(), "message", "LUNCH again?")).optInt("code")).isEqualTo(200);
            assertThat(ann.client().call("message", json("to", cat.id(), "message", "lunch with cat")).optInt("code")).isEqualTo(200);

            assertThat(found(ann.client(), json("from", bob.id(), "text", "lunch")))
                    .containsExactly("LUNCH again?", "Lunch at <b>noon</b>");
            assertThat(found(bob.client(), json("from", ann.id(), "text", "lunch at noon")))
                    .as("the text as read, across tags").containsExactly("Lunch at <b>noon</b>");
            assertThat(found(ann.client(), json("from", bob.id(), "text", "b"))).as("tags never match")
                    .containsExactly("the B-team");
            assertThat(found(ann.client(), json("from", bob.id(), "text", "%"))).containsExactly("100% sure_thing");
            assertThat(found(ann.client(), json("from", bob.id(), "text", "e_t"))).containsExactly("100% sure_thing");
            assertThat(found(ann.client(), json("from", bob.id(), "text", "& ch"))).containsExactly("fish &amp; chips");
            assertThat(found(cat.client(), json("from", bob.id(), "text", "lunch"))).as("not cat's conversation").isEmpty();
            assertThat(found(cat.client(), json("from", ann.id(), "text", "lunch"))).containsExactly("lunch with cat");

            long room = ann.client().call("room.create", json("name", "search room")).optJSONObject("room").optLong("id");
            for (int i = 0; i < 25; i++) {
                ann.client().call("room.message", json("id", room, "message", "minutes " + i));
            }
            JSONObject first = ann.client().call("search", json("room", room, "text", "MINUTES"));
            assertThat(first.optInt("currentPage")).isEqualTo(1);
            assertThat(first.optInt("lastPage")).isEqualTo(2);
            assertThat(first.optJSONArray("docs").length()).isEqualTo(20);
            assertThat(first.optJSONArray("docs").optJSONObject(0).optString("message")).isEqualTo("minutes 24");
            assertThat(first.optJSONArray("docs").optJSONObject(0).optLong("room")).isEqualTo(room);
            JSONObject second = ann.client().call("search", json("room", room, "text", "minutes", "page", 2));
            assertThat(second.optJSONArray("docs").length()).isEqualTo(5);
            assertThat(cat.client().call("search", json("room", room, "text", "minutes")).optInt("code"))
                    .as("not a member").isEqualTo(404);

            assertThat(ann.client().call("search", json("from", bob.id())).optInt("code")).isEqualTo(403);
            assertThat(ann.client().call("search", json("text", "lunch")).optInt("code")).isEqualTo(403);
            assertThat(ann.client().call("search", json("from", bob.id(), "text", "x".repeat(201))).optInt("code")).isEqualTo(400);
        }
    }

    /** The messages a search answers, newest first. */
    private static List<String> found(ChatClient client, JSONObject query) {
        JSONObject reply = client.call("search", query);
        assertThat(reply.optInt("code")).as("%s", reply).isEqualTo(200);
        var texts = new ArrayList<String>();
        JSONArray docs = reply.optJSONArray("docs");
        for (int i = 0; i < docs.length(); i++) {
            texts.add(docs.optJSONObject(i).optString("message"));
        }
        return texts;
    }

    @Test
    void messageCodes() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            assertThat(ann.client().call("message", json("message", "x")).optInt("code")).isEqualTo(404);
            assertThat(ann.client().call("message", json("to", bob.id())).optInt("code")).isEqualTo(404);
            assertThat(ann.client().call("message", json("to", bob.id(), "message", "")).optInt("code")).isEqualTo(404);
            assertThat(ann.client().call("message", json("to", Long.MAX_VALUE - 7, "message", "x")).optInt("code")).isEqualTo(404);
            assertThat(ann.client().call("message", json("to", bob.id(), "message", "x".repeat(MAX_MESSAGE_BYTES + 1))).optInt("code")).isEqualTo(400);
            try (var stranger = ChatClient.connect(base)) {
                assertThat(stranger.call("message", json("to", bob.id(), "message", "x")).optInt("code")).isEqualTo(403);
            }
            assertThat(bob.client().events("message")).isEmpty();
        }
    }

    @Test
    void messagesAreSanitized() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            ann.client().call("message", json("to", bob.id(), "message",
                    "<a href=\"javascript:alert(1)\" onclick=\"x()\">x</a><script>alert(1)</script><a href=\"https://nodeim.org\">ok</a>"));
            String message = bob.client().nextEvent("message").optString("message");
            assertThat(message).doesNotContain("script").doesNotContain("javascript").doesNotContain("onclick")
                    .contains("href=\"https://nodeim.org\"").contains("rel=\"noopener nofollow\"");
        }
    }

    @Test
    void offlineMessagesArriveAtTheNextSigninOnceAndInOrder() {
        try (var ann = Users.signedIn(base, "ann")) {
            var bob = Users.signedIn(base, "bob");
            bob.goOffline();
            for (int i = 0; i < 5; i++) {
                assertThat(ann.client().call("message", json("to", bob.id(), "message", "m" + i)).optInt("code")).isEqualTo(200);
            }
            try (var device = ChatClient.connect(base)) {
                device.signIn(bob.name(), "pw");
                for (int i = 0; i < 5; i++) {
                    assertThat(device.nextEvent("message").optString("message")).isEqualTo("m" + i);
                }
            }
            try (var again = ChatClient.connect(base)) {
                again.signIn(bob.name(), "pw");
                ann.client().call("message", json("to", bob.id(), "message", "fresh"));
                assertThat(again.nextEvent("message").optString("message")).as("nothing old again").isEqualTo("fresh");
            }
        }
    }

    @Test
    void aThousandRapidMessagesArriveInOrder() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            int count = 1000;
            for (int i = 0; i < count; i++) {
                ann.client().emit("message", json("id", i, "data", json("to", bob.id(), "message", "n" + i)));
            }
            var received = new ArrayList<String>();
            for (int i = 0; i < count; i++) {
                received.add(bob.client().nextEvent("message").optString("message"));
            }
            for (int i = 0; i < count; i++) {
                assertThat(received.get(i)).isEqualTo("n" + i);
            }
            JSONObject log = bob.client().call("log", json("from", ann.id()));
            assertThat(log.optInt("lastPage")).isEqualTo(count / 20);
            assertThat(log.optJSONArray("docs").optJSONObject(0).optString("message")).isEqualTo("n" + (count - 1));
        }
    }

    @Test
    void concurrentConversationsKeepTheirOrderInBothDirections() throws Exception {
        int pairs = 3;
        int perSender = 300;
        int inFlight = 8;
        var users = new ArrayList<Users.User>();
        try {
            for (int i = 0; i < 2 * pairs; i++) {
                users.add(Users.signedIn(base, "order" + i));
            }
            var everyReply = new ArrayList<CompletableFuture<Void>>();
            for (int i = 0; i < users.size(); i++) {
                Users.User partner = users.get(i ^ 1);
                // the first messages all leave before a reply can send the next one (the numbers are the send order)
                everyReply.add(callsInFlight(users.get(i).client(), perSender, inFlight,
                        n -> new Object[] {"message", json("to", partner.id(), "message", Integer.toString(n))}));
            }
            for (var done : everyReply) {
                done.get(ChatClient.TIMEOUT_SECONDS * 4, TimeUnit.SECONDS);
            }
            for (int i = 0; i < users.size(); i++) {
                Users.User sender = users.get(i ^ 1);
                var received = new ArrayList<Integer>();
                for (int n = 0; n < perSender; n++) {
                    JSONObject event = users.get(i).client().nextEvent("message");
                    assertThat(event.optJSONObject("from").optLong("id")).isEqualTo(sender.id());
                    received.add(Integer.parseInt(event.optString("message")));
                }
                assertThat(received).as("from %s, as sent", sender.name()).containsExactlyElementsOf(
                        IntStream.range(0, perSender).boxed().toList());
            }
            List<JSONObject> history = wholeLog(users.get(0).client(), json("from", users.get(1).id()));
            assertThat(history).hasSize(2 * perSender);
            for (Users.User sender : List.of(users.get(0), users.get(1))) {
                List<Integer> newestFirst = history.stream()
                        .filter(doc -> doc.optJSONObject("from").optLong("id") == sender.id())
                        .map(doc -> Integer.parseInt(doc.optString("message")))
                        .toList();
                assertThat(newestFirst).as("history of %s, newest first", sender.name())
                        .isSortedAccordingTo(Comparator.reverseOrder()).hasSize(perSender);
            }
            for (Users.User user : List.of(users.get(0), users.get(1))) {
                assertThat(wholeLog(user.client(), new JSONObject()).toString())
                        .as("all direct messages of %s: their one conversation", user.name())
                        .isEqualTo(wholeLog(user.client(), json("from", users.get(user == users.get(0) ? 1 : 0).id())).toString());
            }
        } finally {
            users.forEach(Users.User::close);
        }
    }

    @Test
    void sixteenSendersAtOnceToOneUserAndOneRoomAllGet200() throws Exception {
        int senders = 16;
        int perSender = 90;
        int inFlight = 4;
        var users = new ArrayList<Users.User>();
        try {
            Users.User hub = Users.signedIn(base, "hub");
            users.add(hub);
            long room = hub.client().call("room.create", json("name", "contention")).optJSONObject("room").optLong("id");
            for (int i = 0; i < senders; i++) {
                Users.User sender = Users.signedIn(base, "crowd" + i);
                users.add(sender);
                assertThat(sender.client().call("room.join", json("id", room)).optInt("code")).isEqualTo(200);
            }
            var everyChain = new ArrayList<CompletableFuture<Void>>();
            for (Users.User sender : users.subList(1, users.size())) {
                // two direct messages to the hub, then one to the room, over and over
                everyChain.add(callsInFlight(sender.client(), perSender, inFlight, n -> n % 3 == 2
                        ? new Object[] {"room.message", json("id", room, "message", "r" + n)}
                        : new Object[] {"message", json("to", hub.id(), "message", "d" + n)}));
            }
            // meanwhile the hub reads its history and moves its read positions, over the rows being written
            everyChain.add(callsInFlight(hub.client(), 60, 2, n -> {
                Users.User other = users.get(1 + n % senders);
                return n % 2 == 0
                        ? new Object[] {"log", json("from", other.id())}
                        : new Object[] {"read", json("room", room, "upTo", n + 1)};
            }));
            for (var chain : everyChain) {
                chain.get(ChatClient.TIMEOUT_SECONDS * 4, TimeUnit.SECONDS);
            }
            int direct = senders * (perSender - perSender / 3);
            int roomMessages = senders * (perSender / 3);
            for (int n = 0; n < direct + roomMessages; n++) {
                hub.client().nextEvent("message");
            }
            long directInHistory = 0;
            for (Users.User sender : users.subList(1, users.size())) {
                directInHistory += hub.client().call("log", json("from", sender.id())).optJSONArray("docs").length();
            }
            assertThat(directInHistory).as("the first page of each conversation").isEqualTo(senders * 20L);
        } finally {
            users.forEach(Users.User::close);
        }
    }

    /**
     * Makes {@code count} calls, {@code inFlight} at a time, call {@code n} being {@code call.apply(n)} (a
     * command and its data); completes once all are answered 200, exceptionally at the first other answer.
     */
    private static CompletableFuture<Void> callsInFlight(ChatClient client, int count, int inFlight,
                                                         IntFunction<Object[]> call) {
        var done = new CompletableFuture<Void>();
        var next = new AtomicInteger();
        var answered = new AtomicInteger();
        Runnable[] callNext = new Runnable[1];
        callNext[0] = () -> {
            int n = next.getAndIncrement();
            if (n >= count) {
                return;
            }
            Object[] command = call.apply(n);
            client.send((String) command[0], command[1]).thenAccept(reply -> {
                if (reply.optInt("code") != 200) {
                    done.completeExceptionally(new AssertionError(command[0] + " " + n + ": " + reply));
                } else if (answered.incrementAndGet() == count) {
                    done.complete(null);
                }
                callNext[0].run();
            });
        };
        EventThread.exec(() -> {
            for (int w = 0; w < inFlight; w++) {
                callNext[0].run();
            }
        });
        return done;
    }

    /** Every page of a {@code log} query, newest first. */
    private static List<JSONObject> wholeLog(ChatClient client, JSONObject query) throws Exception {
        var docs = new ArrayList<JSONObject>();
        int lastPage = 1;
        for (int page = 1; page <= lastPage; page++) {
            JSONObject reply = client.call("log", new JSONObject(query.toString()).put("page", page));
            assertThat(reply.optInt("code")).isEqualTo(200);
            lastPage = reply.optInt("lastPage");
            JSONArray onePage = reply.optJSONArray("docs");
            for (int i = 0; i < onePage.length(); i++) {
                docs.add(onePage.optJSONObject(i));
            }
        }
        return docs;
    }

    @Test
    void logWithoutFromHoldsEveryDirectMessageOfTheUserFromBothSides() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
                var cat = Users.signedIn(base, "cat")) {
            assertThat(ann.id()).isLessThan(bob.id());
            assertThat(bob.id()).isLessThan(cat.id());
            var bobs = new ArrayList<String>();
            for (int i = 0; i < 25; i++) {
                var sender = switch (i % 4) {
                    case 0 -> ann;
                    case 2 -> cat;
                    default -> bob;
                };
                long to = switch (i % 4) {
                    case 1 -> cat.id();
                    case 3 -> ann.id();
                    default -> bob.id();
                };
                assertThat(sender.client().call("message", json("to", to, "message", "d" + i)).optInt("code")).isEqualTo(200);
                bobs.add(0, "d" + i);
            }
            assertThat(ann.client().call("message", json("to", cat.id(), "message", "not bob's")).optInt("code"))
                    .isEqualTo(200);

            JSONObject first = bob.client().call("log", json());
            assertThat(first.optInt("lastPage")).isEqualTo(2);
            assertThat(messages(first)).containsExactlyElementsOf(bobs.subList(0, 20));
            JSONObject second = bob.client().call("log", json("page", 2));
            assertThat(messages(second)).containsExactlyElementsOf(bobs.subList(20, 25));
            assertThat(messages(cat.client().call("log", json()))).contains("not bob's", "d1", "d2").doesNotContain("d0");
        }
    }

    @Test
    void logPagesAConversationNewestFirstInBothDirections() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            JSONObject empty = ann.client().call("log", json("from", bob.id()));
            assertThat(empty.optInt("code")).isEqualTo(200);
            assertThat(empty.optInt("currentPage")).isEqualTo(1);
            assertThat(empty.optInt("lastPage")).isZero();
            assertThat(empty.optJSONArray("docs").length()).isZero();

            for (int i = 0; i < 20; i++) {
                var sender = i % 2 == 0 ? ann : bob;
                var recipient = i % 2 == 0 ? bob : ann;
                sender.client().call("message", json("to", recipient.id(), "message", "c" + i));
            }
            JSONObject twenty = ann.client().call("log", json("from", bob.id()));
            assertThat(twenty.optInt("lastPage")).isEqualTo(1);
            assertThat(messages(twenty)).hasSize(20).first().isEqualTo("c19");
            assertThat(messages(twenty).get(19)).isEqualTo("c0");

            ann.client().call("message", json("to", bob.id(), "message", "c20"));
            JSONObject first = bob.client().call("log", json("from", ann.id(), "page", 1));
            assertThat(first.optInt("lastPage")).isEqualTo(2);
            assertThat(messages(first)).hasSize(20).first().isEqualTo("c20");
            JSONObject second = bob.client().call("log", json("from", ann.id(), "page", 2));
            assertThat(second.optInt("currentPage")).isEqualTo(2);
            assertThat(messages(second)).containsExactly("c0");
            JSONObject doc = second.optJSONArray("docs").optJSONObject(0);
            assertThat(doc.optJSONObject("from").optLong("id")).isEqualTo(ann.id());
            assertThat(doc.optLong("to")).isEqualTo(bob.id());

            JSONObject all = ann.client().call("log", new JSONObject());
            assertThat(all.optInt("lastPage")).isEqualTo(2);
            assertThat(ann.client().call("log", json("page", "x")).optInt("code")).isEqualTo(400);
        }
    }

    @Test
    void notificationsAreNotHistory() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            Users.befriend(ann, bob);
            assertThat(ann.client().call("log", json("from", bob.id())).optInt("lastPage")).isZero();
        }
    }

    /**
     * Bob's second device stops reading while Ann sends him 1,000 messages of the largest size
     * (about 8 MB, more than the socket buffers and the outbound queue hold: that device is
     * closed once its queue is full): his first device gets every message in order all the same.
     * Ann sends them in windows of 20, each once the previous one reached Bob, as a client
     * waiting for its acknowledgements would: sent all at once, the burst itself (not the device
     * that does not read) would exceed this test's outbound queue on a server that drains it a
     * frame at a time (WildFly).
     */
    @Test
    void aConnectionThatDoesNotReadDelaysNoOtherConnection() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
             var hung = RawSocket.connected(base)) {
            hung.send("421[\"signin\",{\"username\":\"" + bob.name() + "\",\"password\":\"pw\"}]");
            assertThat(hung.next()).startsWith("431[{\"code\":200");
            hung.stopReading();

            int count = 1000;
            int window = 20;
            String text = "y".repeat(MAX_MESSAGE_BYTES - 10);
            for (int from = 0; from < count; from += window) {
                for (int i = from; i < from + window; i++) {
                    ann.client().emit("message", json("id", i, "data", json("to", bob.id(), "message", i + text)));
                }
                for (int i = from; i < from + window; i++) {
                    assertThat(bob.client().nextEvent("message").optString("message")).startsWith(i + "y");
                }
            }
            assertThat(bob.client().call("log", json("from", ann.id())).optInt("lastPage")).isEqualTo(count / 20);
        }
    }

    @Test
    void aLoneSurrogateFromOneUserFreezesNobodysConnection() {
        try (var bob = Users.signedIn(base, "bob"); var raw = RawSocket.connected(base)) {
            String name = ChatClient.uniqueName("lone");
            raw.send("420[\"signup\",{\"username\":\"" + name + "\",\"password\":\"pw\"}]");
            assertThat(raw.next()).startsWith("430[{\"code\":200");
            raw.send("421[\"signin\",{\"username\":\"" + name + "\",\"password\":\"pw\"}]");
            assertThat(raw.next()).startsWith("431[{\"code\":200");
            raw.send("422[\"profile\",{\"doc\":{\"nick\":\"a\\ud800b\"}}]");
            assertThat(raw.next()).startsWith("432[{\"code\":200");
            raw.send("423[\"message\",{\"to\":" + bob.id() + ",\"message\":\"x\\udfffy\"}]");
            assertThat(raw.next()).startsWith("433[{\"code\":200");

            JSONObject event = bob.client().nextEvent("message");
            assertThat(event.optString("message")).isEqualTo("x\uFFFDy");
            assertThat(event.optJSONObject("from").optString("nick")).isEqualTo("a\uFFFDb");
            assertThat(bob.client().call("log", json()).optInt("code")).as("bob's connection still answers").isEqualTo(200);
        }
    }

    @Test
    void anEventTextThatCannotBeEncodedArrivesWithAReplacementCharacterAndTheConnectionStays() throws Exception {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            var probe = HttpRequest.newBuilder(URI.create(Loopback.of(base) + "test/unencodable-event?user=" + ann.id())).GET().build();
            assertThat(HttpClient.newHttpClient().send(probe, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
            assertThat(ann.client().nextEvent("probe").optString("text")).isEqualTo("a\uFFFDb");
            assertThat(ann.client().call("log", json()).optInt("code")).as("ann's connection still answers").isEqualTo(200);
            assertThat(bob.client().call("log", json()).optInt("code")).isEqualTo(200);
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedOnceItsQueueHoldsTooManyBytes() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
             var hung = RawSocket.connected(base)) {
            Users.befriend(ann, bob);
            hung.send("421[\"signin\",{\"username\":\"" + bob.name() + "\",\"password\":\"pw\"}]");
            assertThat(hung.next()).startsWith("431[{\"code\":200");
            bob.goOffline();
            hung.stopReading();

            // Far fewer frames than the default frame limit (4,096), far more characters than the byte limit.
            String text = "z".repeat(MAX_MESSAGE_BYTES - 10);
            var sent = new HashSet<String>();
            // in bursts (the socket buffers take megabytes before the server's queue grows)
            for (int burst = 0; burst < 100 && ann.client().events("presence").isEmpty(); burst++) {
                var replies = new ArrayList<CompletableFuture<JSONObject>>();
                for (int i = 0; i < 40; i++) {
                    replies.add(ann.client().send("message", json("to", bob.id(), "message", burst + "." + i + text)));
                    sent.add(burst + "." + i);
                }
                for (var reply : replies) {
                    assertThat(reply.orTimeout(ChatClient.TIMEOUT_SECONDS, TimeUnit.SECONDS).join().optInt("code"))
                            .isEqualTo(200);
                }
            }
            JSONObject presence = ann.client().nextEvent("presence");
            assertThat(presence.optLong("id")).isEqualTo(bob.id());
            assertThat(presence.optString("presence")).as("bob's only connection was closed").isEqualTo("offline");

            // none of it was proven received: it all waits for bob's next signin, each message once
            try (var back = ChatClient.connect(base)) {
                back.signIn(bob.name(), "pw");
                var received = new HashSet<String>();
                for (int i = 0; i < sent.size(); i++) {
                    String message = back.nextEvent("message").optString("message");
                    assertThat(received.add(message.substring(0, message.indexOf('z')))).as("once: %s", message).isTrue();
                }
                assertThat(received).isEqualTo(sent);
            }
        }
    }

    @Test
    void oneConnectionMoreThanAllowedPerUserGets429() {
        try (var ann = Users.signedIn(base, "ann")) {
            var devices = new ArrayList<ChatClient>();
            try {
                for (int i = 1; i < MAX_CONNECTIONS_PER_USER; i++) {
                    devices.add(ann.anotherDevice(base));
                }
                try (var extra = ChatClient.connect(base)) {
                    JSONObject refused = extra.call("signin", json("username", ann.name(), "password", "pw"));
                    assertThat(refused.optInt("code")).isEqualTo(429);
                    assertThat(extra.call("log", json()).optInt("code")).as("still not signed in").isEqualTo(403);
                    assertThat(devices.get(0).call("signout", new JSONObject()).optInt("code")).isEqualTo(200);
                    assertThat(extra.call("signin", json("username", ann.name(), "password", "pw")).optInt("code"))
                            .as("room again once one signed out").isEqualTo(200);
                }
            } finally {
                devices.forEach(ChatClient::close);
            }
        }
    }

    static List<String> messages(JSONObject log) {
        JSONArray docs = log.optJSONArray("docs");
        var list = new ArrayList<String>();
        for (int i = 0; i < docs.length(); i++) {
            list.add(docs.optJSONObject(i).optString("message"));
        }
        return list;
    }

    @Test
    void messagesInFlightWhenTheirReaderDiesAreDeliveredAtTheNextSignin() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
             var dying = RawSocket.connected(base)) {
            bob.goOffline();
            signInRaw(dying, bob.name());
            dying.stopReading();
            int count = 300;
            for (int i = 0; i < count; i++) {
                assertThat(ann.client().call("message", json("to", bob.id(), "message", "m" + i)).optInt("code"))
                        .isEqualTo(200);
            }
            dying.destroy();

            try (var again = ChatClient.connect(base)) {
                again.signIn(bob.name(), "pw");
                var texts = new ArrayList<String>();
                var ids = new HashSet<Long>();
                for (int i = 0; i < count; i++) {
                    JSONObject event = again.nextEvent("message");
                    texts.add(event.optString("message"));
                    ids.add(event.optLong("id"));
                }
                assertThat(texts).as("every message, none twice")
                        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, count).mapToObj(i -> "m" + i).toList());
                assertThat(ids).as("each carries its own id").hasSize(count).doesNotContain(0L);
            }
        }
    }

    @Test
    void anAcknowledgedMessageIsNotDeliveredAgain() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
             var raw = RawSocket.connected(base)) {
            bob.goOffline();
            signInRaw(raw, bob.name());
            ann.client().call("message", json("to", bob.id(), "message", "acknowledged"));
            String event = nextMessageEvent(raw);
            assertThat(event).contains("acknowledged");
            raw.send("43" + ackId(event) + "[]");
            roundTrip(raw);
            raw.destroy();

            assertOnlyNewMessagesReach(ann, bob);
        }
    }

    @Test
    void aPongAfterAMessageProvesItReceived() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
             var raw = RawSocket.connected(base)) {
            bob.goOffline();
            signInRaw(raw, bob.name());
            ann.client().call("message", json("to", bob.id(), "message", "not acknowledged"));
            assertThat(nextMessageEvent(raw)).contains("not acknowledged");
            String frame;
            while (!(frame = raw.next()).equals("2")) {
                assertThat(frame).as("only the ping the server sends to prove receipt").startsWith("2");
            }
            raw.send("3");
            roundTrip(raw);
            raw.destroy();

            assertOnlyNewMessagesReach(ann, bob);
        }
    }

    @Test
    void aClientThatLeavesOnItsOwnHadWhatWasWrittenToIt() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob");
             var raw = RawSocket.connected(base)) {
            bob.goOffline();
            signInRaw(raw, bob.name());
            ann.client().call("message", json("to", bob.id(), "message", "read before leaving"));
            assertThat(nextMessageEvent(raw)).contains("read before leaving");
            raw.send("41");
            roundTripAfterDisconnect(raw);
            raw.destroy();

            assertOnlyNewMessagesReach(ann, bob);
        }
    }

    private static void signInRaw(RawSocket raw, String username) {
        raw.send("421[\"signin\",{\"username\":\"" + username + "\",\"password\":\"pw\"}]");
        assertThat(raw.next()).startsWith("431[{\"code\":200");
    }

    /** The next {@code message} event on a raw socket, skipping pings: {@code 42<ackId>["message",...]}. */
    private static String nextMessageEvent(RawSocket raw) {
        String frame;
        while ((frame = raw.next()).equals("2")) {
            // a ping left unanswered: no proof of receipt
        }
        assertThat(frame).matches("42\\d+\\[\"message\",.*");
        return frame;
    }

    private static String ackId(String event) {
        return event.substring(2, event.indexOf('['));
    }

    /** A command answered: everything the client sent before it has been handled. */
    private static void roundTrip(RawSocket raw) {
        raw.send("429[\"find\",{}]");
        String frame;
        while (!(frame = raw.next()).startsWith("439[")) {
            assertThat(frame).as("nothing but pings meanwhile").isEqualTo("2");
        }
    }

    /** After a Socket.IO disconnect the Engine.IO session stays: joining again is answered. */
    private static void roundTripAfterDisconnect(RawSocket raw) {
        raw.send("40");
        String frame;
        while (!(frame = raw.next()).startsWith("40{")) {
            assertThat(frame).as("nothing but pings meanwhile").isEqualTo("2");
        }
    }

    /** Bob signs in again: the first message he gets is one sent now, nothing from before. */
    private void assertOnlyNewMessagesReach(Users.User ann, Users.User bob) {
        try (var again = ChatClient.connect(base)) {
            again.signIn(bob.name(), "pw");
            ann.client().call("message", json("to", bob.id(), "message", "new"));
            assertThat(again.nextEvent("message").optString("message")).isEqualTo("new");
        }
    }

    @Test
    void profileChangesShowInLaterMessages() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            ann.client().call("profile", json("doc", json("nick", "Annie")));
            ann.client().call("message", json("to", bob.id(), "message", "hi"));
            assertThat(bob.client().nextEvent("message").optJSONObject("from").optString("nick")).isEqualTo("Annie");
        }
    }
}

package org.nodeim.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.PayaraMicroProcess;
import org.nodeim.testing.TestServer;

/**
 * Group commit keeps every guarantee through a crash: Payara Micro is killed (SIGKILL) in the
 * middle of a flood of messages to an offline user; after a restart on the same database every
 * acknowledged message reaches that user exactly once, each sender's in the order sent, and
 * is in the history. The server runs as a process of its own (not under Arquillian), so that
 * the test can kill it.
 */
@Tag(TestServer.PAYARA_ONLY) // it kills and restarts Payara Micro processes of its own
class CrashRecoveryIT {

    static final int SENDERS = 4;
    static final int IN_FLIGHT = 8;
    /** The flood is killed once this many messages are acknowledged, and at least this long after it began. */
    static final int ACKED_BEFORE_KILL = 3000;
    static final long MILLIS_BEFORE_KILL = 2500;
    static final int AT_MOST = 50_000;

    private PayaraMicroProcess server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void everyAcknowledgedMessageSurvivesAKillOnceAndInOrder() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "crash-derby-");
        server = PayaraMicroProcess.start(data, "crash-1");
        URL base = server.base();

        String recipientName = ChatClient.uniqueName("rose");
        long recipient;
        try (var rose = ChatClient.connect(base)) {
            recipient = rose.signUp(recipientName, "pw");
        }
        var senders = new ArrayList<ChatClient>();
        var senderIds = new ArrayList<Long>();
        for (int s = 0; s < SENDERS; s++) {
            var sender = ChatClient.connect(base);
            String name = ChatClient.uniqueName("flood" + s);
            senderIds.add(sender.signUp(name, "pw"));
            sender.signIn(name, "pw");
            senders.add(sender);
        }

        Map<Long, Set<Integer>> acked = new ConcurrentHashMap<>();
        var ackedCount = new AtomicInteger();
        var stop = new AtomicBoolean();
        var enoughAcked = new CountDownLatch(1);
        for (int s = 0; s < SENDERS; s++) {
            long from = senderIds.get(s);
            acked.put(from, ConcurrentHashMap.newKeySet());
            var next = new AtomicInteger();
            for (int w = 0; w < IN_FLIGHT; w++) {
                sendNext(senders.get(s), from, recipient, next, acked.get(from), ackedCount, stop, enoughAcked);
            }
        }
        long started = System.nanoTime();
        assertThat(enoughAcked.await(120, TimeUnit.SECONDS)).as("%d messages acknowledged", ACKED_BEFORE_KILL).isTrue();
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (waited < MILLIS_BEFORE_KILL) {
            // Some messages must be older than the time the journal keeps them in memory only.
            Thread.sleep(MILLIS_BEFORE_KILL - waited);
        }
        server.kill();
        stop.set(true);
        senders.forEach(ChatClient::close);
        Map<Long, List<Integer>> ackedInOrder = new HashMap<>();
        acked.forEach((from, numbers) -> ackedInOrder.put(from, numbers.stream().sorted().toList()));
        int total = ackedInOrder.values().stream().mapToInt(List::size).sum();
        assertThat(total).isGreaterThanOrEqualTo(ACKED_BEFORE_KILL);

        server = PayaraMicroProcess.start(data, "crash-2");
        base = server.base();
        Map<Long, List<Integer>> received = new HashMap<>();
        try (var rose = ChatClient.connect(base)) {
            rose.signIn(recipientName, "pw");
            int stillMissing = total;
            while (stillMissing > 0) {
                JSONObject message = rose.events("message").poll(ChatClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
                assertThat(message).as("%d of %d acknowledged messages still missing after the restart; received %s",
                        stillMissing, total, received).isNotNull();
                long from = message.getJSONObject("from").getLong("id");
                int number = Integer.parseInt(message.getString("message"));
                received.computeIfAbsent(from, id -> new ArrayList<>()).add(number);
                if (ackedInOrder.get(from).contains(number)) {
                    stillMissing--;
                }
            }
            for (var sent : ackedInOrder.entrySet()) {
                List<Integer> got = received.getOrDefault(sent.getKey(), List.of());
                assertThat(got).as("messages from %d: each once", sent.getKey()).doesNotHaveDuplicates();
                assertThat(got).as("messages from %d: in the order sent", sent.getKey()).isSorted();
                assertThat(got).as("messages from %d: every acknowledged one", sent.getKey())
                        .containsAll(sent.getValue());
            }
            for (var sent : ackedInOrder.entrySet()) {
                assertThat(history(rose, sent.getKey())).as("history with %d", sent.getKey()).containsAll(sent.getValue());
            }
        }
        try (var again = ChatClient.connect(base); var sender = ChatClient.connect(base)) {
            again.signIn(recipientName, "pw");
            String name = ChatClient.uniqueName("after");
            sender.signUp(name, "pw");
            sender.signIn(name, "pw");
            assertThat(sender.call("message", json("to", recipient, "message", "after")).optInt("code")).isEqualTo(200);
            assertThat(again.nextEvent("message").getString("message")).as("nothing delivered twice").isEqualTo("after");
        }
    }

    private static void sendNext(ChatClient sender, long from, long to, AtomicInteger next, Set<Integer> acked,
                                 AtomicInteger ackedCount, AtomicBoolean stop, CountDownLatch enoughAcked) {
        int number = next.getAndIncrement();
        if (stop.get() || number >= AT_MOST) {
            return;
        }
        sender.send("message", json("to", to, "message", Integer.toString(number))).thenAccept(reply -> {
            if (reply.optInt("code") == 200 && !stop.get()) {
                acked.add(number);
                if (ackedCount.incrementAndGet() >= ACKED_BEFORE_KILL) {
                    enoughAcked.countDown();
                }
            }
            sendNext(sender, from, to, next, acked, ackedCount, stop, enoughAcked);
        });
    }

    /** Every message of the conversation with that user, from the history, as numbers. */
    private static Set<Integer> history(ChatClient client, long other) {
        var numbers = new HashSet<Integer>();
        int lastPage = 1;
        for (int page = 1; page <= lastPage; page++) {
            JSONObject reply = client.call("log", json("from", other, "page", page));
            assertThat(reply.optInt("code")).isEqualTo(200);
            lastPage = reply.optInt("lastPage");
            JSONArray docs = reply.optJSONArray("docs");
            for (int i = 0; i < docs.length(); i++) {
                numbers.add(Integer.parseInt(docs.optJSONObject(i).optString("message")));
            }
        }
        return numbers;
    }
}

package org.nodeim.benchmark;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.account.AccountService;
import org.nodeim.chat.ChatService;
import org.nodeim.testing.Deployments;

/**
 * Figures, not assertions of speed: {@code find} on a stored field among 100,000 users, and
 * page 1 of a conversation among a million stored messages. Runs inside the server on a
 * database of its own; rows are bulk-loaded with JDBC, then read through the real services.
 * Run with {@code mvn -Pbenchmark verify}; figures go to the console and to
 * {@code target/benchmark-results.txt}.
 */
@ExtendWith(ArquillianExtension.class)
class ScaleBenchmark {

    static final int USERS = 100_000;
    static final int MESSAGES = 1_000_000;
    static final int CONVERSATIONS = 10_000;
    static final int RUNS = 50;
    /** Ids of bulk-loaded messages, far above those the server allocates. */
    static final long BULK_IDS = 1L << 40;

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("nodeim.db.name=benchmark-" + System.currentTimeMillis())
                .addClasses(ScaleBenchmark.class, Deployments.class);
    }

    @Resource(lookup = "java:app/jdbc/nodeim")
    DataSource dataSource;

    @Inject
    AccountService accounts;

    @Inject
    ChatService chat;

    @Test
    void findOnAStoredFieldAmongAHundredThousandUsers() throws Exception {
        long loaded = time(() -> loadUsers());
        report("loaded %,d users with 2 searchable fields each in %,d ms", USERS, loaded);
        accounts.find(Json.createObjectBuilder().add("city", "city-7").build());
        long[] micros = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            int city = i * 37 % 1000;
            var query = Json.createObjectBuilder().add("city", "city-" + city).add("team", "team-" + city % 10).build();
            long start = System.nanoTime();
            int found = accounts.find(query).size();
            micros[i] = (System.nanoTime() - start) / 1000;
            check(found > 0, "find found nobody");
        }
        report("find {city, team} among %,d users: median %,d µs, p90 %,d µs, max %,d µs (%d runs)", USERS,
                percentile(micros, 50), percentile(micros, 90), percentile(micros, 100), RUNS);
    }

    @Test
    void firstPageOfAConversationAmongAMillionMessages() throws Exception {
        long loaded = time(() -> loadMessages());
        report("loaded %,d messages in %,d conversations in %,d ms", MESSAGES, CONVERSATIONS, loaded);
        chat.conversation(1, 2, 1);
        long[] micros = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long a = 1 + (i * 7919L % CONVERSATIONS) * 2;
            long start = System.nanoTime();
            var page = chat.conversation(a, a + 1, 1);
            micros[i] = (System.nanoTime() - start) / 1000;
            check(page.items().size() == 20, "page 1 is not full");
        }
        report("log page 1 of a conversation (%,d messages each) among %,d: median %,d µs, p90 %,d µs, max %,d µs (%d runs)",
                MESSAGES / CONVERSATIONS, MESSAGES, percentile(micros, 50), percentile(micros, 90),
                percentile(micros, 100), RUNS);
    }

    private Void loadUsers() {
        return inTransaction(connection -> {
            try (PreparedStatement user = connection.prepareStatement("INSERT INTO NODEIM_USER"
                    + " (USERNAME, PASSWORD_HASH, PROFILE, CREATED_AT) VALUES (?, 'x', ?, ?)")) {
                var now = new Timestamp(System.currentTimeMillis());
                for (int i = 0; i < USERS; i++) {
                    user.setString(1, "bench-user-" + i);
                    user.setString(2, "{\"city\":\"city-" + i % 1000 + "\",\"team\":\"team-" + i % 10 + "\"}");
                    user.setTimestamp(3, now);
                    user.addBatch();
                    if (i % 1000 == 999) {
                        user.executeBatch();
                        connection.commit();
                    }
                }
                user.executeBatch();
            }
            try (var fields = connection.createStatement()) {
                fields.executeUpdate("INSERT INTO NODEIM_USER_FIELD (USER_ID, NAME, VALUE_KEY) SELECT ID, 'city',"
                        + " '\"city-' || TRIM(CHAR(MOD(CAST(SUBSTR(USERNAME, 12) AS INT), 1000))) || '\"' FROM NODEIM_USER"
                        + " WHERE USERNAME LIKE 'bench-user-%'");
                fields.executeUpdate("INSERT INTO NODEIM_USER_FIELD (USER_ID, NAME, VALUE_KEY) SELECT ID, 'team',"
                        + " '\"team-' || TRIM(CHAR(MOD(CAST(SUBSTR(USERNAME, 12) AS INT), 10))) || '\"' FROM NODEIM_USER"
                        + " WHERE USERNAME LIKE 'bench-user-%'");
            }
            return null;
        });
    }

    private Void loadMessages() {
        return inTransaction(connection -> {
            try (PreparedStatement message = connection.prepareStatement("INSERT INTO NODEIM_MESSAGE"
                    + " (ID, SENDER_ID, RECIPIENT_ID, USER_LOW, USER_HIGH, BODY, SENT_AT) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < MESSAGES; i++) {
                    long low = 1 + (long) (i % CONVERSATIONS) * 2;
                    boolean fromLow = i % 3 != 0;
                    message.setLong(1, BULK_IDS + i);
                    message.setLong(2, fromLow ? low : low + 1);
                    message.setLong(3, fromLow ? low + 1 : low);
                    message.setLong(4, low);
                    message.setLong(5, low + 1);
                    message.setString(6, "message number " + i);
                    message.setLong(7, now + i);
                    message.addBatch();
                    if (i % 2000 == 1999) {
                        message.executeBatch();
                        connection.commit();
                    }
                }
                message.executeBatch();
            }
            return null;
        });
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The benchmark runs inside the server, without the test libraries. */
    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }

    private static long time(Supplier<?> work) {
        long start = System.nanoTime();
        work.get();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
    }

    private static void report(String format, Object... args) throws IOException {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println("BENCHMARK " + line);
        Files.writeString(Path.of("target/benchmark-results.txt"), line + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

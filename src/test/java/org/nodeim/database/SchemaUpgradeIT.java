package org.nodeim.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nodeim.account.PasswordHasher;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.PayaraMicroProcess;
import org.nodeim.testing.TestServer;

/**
 * A database that an earlier version left at the first migration, with users and a message
 * waiting in it, is brought to the latest schema when the server starts: nothing stored is
 * lost, and the waiting message still reaches its recipient. On embedded Derby, and on
 * PostgreSQL when the build started one (the postgresql profile).
 */
@Tag(TestServer.PAYARA_ONLY) // it starts Payara Micro processes of its own on databases of older versions
class SchemaUpgradeIT {

    private static final String PASSWORD = "before-the-upgrade";
    private static final String POSTGRESQL_PORT = System.getProperty("nodeim.it.postgresql.port", "");

    private PayaraMicroProcess server;

    /** A database of the earlier version, and how to start a server on it. */
    interface OldDatabase {
        Connection connect() throws SQLException;

        /** The next value of the message id sequence, in this database's SQL. */
        String nextMessageId();

        /** Starts the tested server on the database, once this JVM has let go of it. */
        PayaraMicroProcess startServer() throws IOException;
    }

    /** Embedded Derby, which one JVM opens at a time: shut down here before the server opens it. */
    record EmbeddedDerby(Path home) implements OldDatabase {
        String url() {
            return "jdbc:derby:" + home.toAbsolutePath().resolve("nodeim");
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url() + ";create=true", "nodeim", "nodeim");
        }

        @Override
        public String nextMessageId() {
            return "VALUES NEXT VALUE FOR NODEIM_MESSAGE_IDS";
        }

        @Override
        public PayaraMicroProcess startServer() throws IOException {
            shutDown(url());
            return PayaraMicroProcess.start(home, "upgrade-derby");
        }

        @Override
        public String toString() {
            return "Derby";
        }
    }

    /** A new database on the build's PostgreSQL server. */
    record PostgreSql(int port, String name) implements OldDatabase {
        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + name, "nodeim", "nodeim");
        }

        @Override
        public String nextMessageId() {
            return "SELECT nextval('nodeim_message_ids')";
        }

        @Override
        public PayaraMicroProcess startServer() throws IOException {
            return PayaraMicroProcess.startOnPostgreSql("upgrade-postgresql", port, name);
        }

        @Override
        public String toString() {
            return "PostgreSQL";
        }
    }

    /**
     * Embedded Derby in the build's first run of the integration tests, PostgreSQL in its second
     * (the postgresql profile): each boots a server, so each runs once.
     */
    static Stream<OldDatabase> databases() throws Exception {
        if (POSTGRESQL_PORT.isBlank()) {
            return Stream.of(new EmbeddedDerby(Files.createTempDirectory(Path.of("target"), "upgrade-derby-")));
        }
        return Stream.of(new PostgreSql(Integer.parseInt(POSTGRESQL_PORT), SchemaMigrationsIT.newPostgreSqlDatabase("upgrade_")));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.kill();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDatabaseAtTheFirstMigrationIsUpgradedWithItsData(OldDatabase database) throws Exception {
        String hash = new PasswordHasher(1024, 1, 1).hash(PASSWORD);
        long ann;
        long bob;
        long room;
        try (Connection connection = database.connect()) {
            SchemaMigrations.migrateFirst(connection, 1);
            assertThat(SchemaMigrationsIT.appliedChangeSets(connection)).containsExactly("001-baseline");
            ann = insertUser(connection, "ann-before", hash);
            bob = insertUser(connection, "bob-before", hash);
            long message = insertWaitingMessage(connection, database.nextMessageId(), ann, bob, "kept across the upgrade");
            assertThat(message).isPositive();
            room = insertRoom(connection, ann, bob);
        }

        server = database.startServer();
        try (var client = ChatClient.connect(server.base())) {
            var signedIn = client.signIn("bob-before", PASSWORD);
            assertThat(signedIn.getJSONObject("doc").getLong("id")).isEqualTo(bob);
            var rooms = signedIn.getJSONArray("rooms");
            assertThat(rooms.length()).isEqualTo(1);
            assertThat(rooms.getJSONObject(0).getLong("id")).isEqualTo(room);
            assertThat(rooms.getJSONObject(0).getLong("owner")).as("an earlier room's creator owns it").isEqualTo(ann);
            assertThat(client.call("room.kick", json("id", room, "user", ann)).optInt("code"))
                    .as("the other member is a member").isEqualTo(403);
            var waiting = client.nextEvent("message");
            assertThat(waiting.optString("message")).isEqualTo("kept across the upgrade");
            assertThat(waiting.getJSONObject("from").getLong("id")).isEqualTo(ann);
            long carol = signUpAnother();
            assertThat(carol).as("new ids continue after the old ones").isGreaterThan(bob);
        }
        server.kill();
        server = null;

        try (Connection connection = database.connect()) {
            assertThat(SchemaMigrationsIT.appliedChangeSets(connection)).containsExactlyElementsOf(SchemaMigrationsIT.CHANGE_SETS);
            assertThat(indexes(connection, "NODEIM_FRIEND")).contains("NODEIM_FRIEND_FRIEND");
        }
        if (database instanceof EmbeddedDerby derby) {
            shutDown(derby.url());
        }
    }

    private long signUpAnother() {
        try (var carol = ChatClient.connect(server.base())) {
            return carol.signUp(ChatClient.uniqueName("carol-after"), PASSWORD);
        }
    }

    private static long insertUser(Connection connection, String name, String passwordHash) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO NODEIM_USER (USERNAME, PASSWORD_HASH, PROFILE, CREATED_AT) VALUES (?, ?, '{}', ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, name);
            insert.setString(2, passwordHash);
            insert.setTimestamp(3, new Timestamp(System.currentTimeMillis()));
            insert.executeUpdate();
            try (var keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** A room that the earlier version stored, made by its first member, with a second member. */
    private static long insertRoom(Connection connection, long creator, long member) throws SQLException {
        long room;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO NODEIM_ROOM (NAME, INTRO, CREATOR_ID, CREATED_AT) VALUES ('before', '', ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, creator);
            insert.setTimestamp(2, new Timestamp(System.currentTimeMillis()));
            insert.executeUpdate();
            try (var keys = insert.getGeneratedKeys()) {
                keys.next();
                room = keys.getLong(1);
            }
        }
        for (long user : new long[] {creator, member}) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO NODEIM_ROOM_MEMBER"
                    + " (ROOM_ID, USER_ID, JOINED_AT, LAST_MESSAGE_ID) VALUES (?, ?, ?, 0)")) {
                insert.setLong(1, room);
                insert.setLong(2, user);
                insert.setTimestamp(3, new Timestamp(System.currentTimeMillis()));
                insert.executeUpdate();
            }
        }
        return room;
    }

    /** A direct message as the earlier version stored it for an offline recipient. */
    private static long insertWaitingMessage(Connection connection, String nextId, long from, long to, String body)
            throws SQLException {
        long id;
        try (var next = connection.createStatement().executeQuery(nextId)) {
            next.next();
            id = next.getLong(1);
        }
        try (PreparedStatement message = connection.prepareStatement("INSERT INTO NODEIM_MESSAGE"
                + " (ID, SENDER_ID, RECIPIENT_ID, USER_LOW, USER_HIGH, BODY, SENT_AT) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            message.setLong(1, id);
            message.setLong(2, from);
            message.setLong(3, to);
            message.setLong(4, Math.min(from, to));
            message.setLong(5, Math.max(from, to));
            message.setString(6, body);
            message.setLong(7, System.currentTimeMillis());
            message.executeUpdate();
        }
        try (PreparedStatement conversation = connection.prepareStatement(
                "INSERT INTO NODEIM_CONVERSATION (PAIR_KEY, USER_LOW, USER_HIGH) VALUES (?, ?, ?)")) {
            conversation.setString(1, Math.min(from, to) + ":" + Math.max(from, to));
            conversation.setLong(2, Math.min(from, to));
            conversation.setLong(3, Math.max(from, to));
            conversation.executeUpdate();
        }
        try (PreparedStatement pending = connection.prepareStatement(
                "INSERT INTO NODEIM_PENDING (RECIPIENT_ID, MESSAGE_ID) VALUES (?, ?)")) {
            pending.setLong(1, to);
            pending.setLong(2, id);
            pending.executeUpdate();
        }
        return id;
    }


    /** The table's index names, in upper case (PostgreSQL keeps unquoted names in lower case). */
    private static List<String> indexes(Connection connection, String table) throws SQLException {
        var names = new ArrayList<String>();
        boolean lowerCase = connection.getMetaData().storesLowerCaseIdentifiers();
        try (var rows = connection.getMetaData().getIndexInfo(null, null, lowerCase ? table.toLowerCase(Locale.ROOT) : table,
                false, false)) {
            while (rows.next()) {
                names.add(rows.getString("INDEX_NAME").toUpperCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** Closes the embedded database in this JVM, so that the server can open it. */
    private static void shutDown(String url) {
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException expected) {
            assertThat(expected.getSQLState()).as("Derby's answer to a clean shutdown").isEqualTo("08006");
        }
    }
}

package org.nodeim.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;

import java.net.URL;

/** Signed-in test users, each on a connection of its own. */
public final class Users {

    private Users() {
    }

    /** A signed-in user: its connection, id and name. */
    public record User(ChatClient client, long id, String name) implements AutoCloseable {

        /** Another connection (device) of the same user, signed in. */
        public ChatClient anotherDevice(URL base) {
            var device = ChatClient.connect(base);
            device.signIn(name, "pw");
            return device;
        }

        /** Signs out, then closes: from the answer on, the user is offline. */
        public void goOffline() {
            assertThat(client.call("signout", new org.json.JSONObject()).optInt("code")).isEqualTo(200);
            client.close();
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** Signs up and signs in a new user with password {@code pw}. */
    public static User signedIn(URL base, String prefix) {
        var client = ChatClient.connect(base);
        String name = ChatClient.uniqueName(prefix);
        long id = client.signUp(name, "pw");
        client.signIn(name, "pw");
        return new User(client, id, name);
    }

    /** Makes two signed-in users friends: a asks, b accepts; the notifications are consumed. */
    public static void befriend(User a, User b) {
        assertThat(a.client().call("subscribe", json("to", b.id())).optInt("code")).isEqualTo(200);
        assertThat(b.client().nextEvent("message").optString("type")).isEqualTo("request-subscription");
        assertThat(b.client().call("reply", json("to", a.id())).optInt("code")).isEqualTo(200);
        assertThat(a.client().nextEvent("message").optString("type")).isEqualTo("agree");
    }
}

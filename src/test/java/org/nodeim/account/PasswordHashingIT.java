package org.nodeim.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;
import static org.nodeim.testing.ChatClient.uniqueName;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.Await;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Deployments;
import org.nodeim.testing.Users;

/**
 * Password hashing on its own bounded threads: one thread and a queue of one here, each hash
 * made slow, so that a handful of signins at once overloads it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PasswordHashingIT {

    static final int SIGNINS = 6;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("nodeim.password.threads=1", "nodeim.password.queue=1", "nodeim.password.memory-kib=19456",
                "nodeim.password.iterations=32");
    }

    @ArquillianResource
    URL base;

    @Test
    void anOverloadIsAnswered429AtOnceWhileMessagesStillFlow() {
        try (var ann = Users.signedIn(base, "ann"); var bob = Users.signedIn(base, "bob")) {
            String name = uniqueName("crowd");
            ann.client().call("signup", json("username", name, "password", "pw"));
            var clients = new ArrayList<ChatClient>();
            try {
                var signins = new ArrayList<CompletableFuture<JSONObject>>();
                for (int i = 0; i < SIGNINS; i++) {
                    clients.add(ChatClient.connect(base));
                }
                for (ChatClient client : clients) {
                    signins.add(client.send("signin", json("username", name, "password", "pw")));
                }
                JSONObject first = Await.value(CompletableFuture.anyOf(signins.toArray(CompletableFuture[]::new))
                        .thenApply(JSONObject.class::cast));
                assertThat(first.optInt("code")).as("the first answer is a refusal, not a hash").isEqualTo(429);

                assertThat(ann.client().call("message", json("to", bob.id(), "message", "still here")).optInt("code"))
                        .isEqualTo(200);
                assertThat(bob.client().nextEvent("message").optString("message")).isEqualTo("still here");
                assertThat(signins.stream().filter(signin -> !signin.isDone()).count())
                        .as("signins still hashing while the message went through").isPositive();

                List<Integer> codes = signins.stream().map(Await::value).map(reply -> reply.optInt("code")).toList();
                assertThat(codes).containsOnly(200, 429).contains(200);
            } finally {
                clients.forEach(ChatClient::close);
            }
        }
    }
}

package org.nodeim.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;
import static org.nodeim.testing.ChatClient.uniqueName;

import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Deployments;

/** Tokens expire when unused for the configured time, and guessing them is throttled like passwords. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResumeTokenExpiryIT {

    static final Duration IDLE_EXPIRY = Duration.ofSeconds(4);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("nodeim.token.idle-expiry=" + IDLE_EXPIRY, "nodeim.throttle.account-failures=5");
    }

    @ArquillianResource
    URL base;

    @Test
    @Order(1)
    void aTokenUnusedForTheIdleTimeExpiresAndUseKeepsItAlive() throws InterruptedException {
        String name = uniqueName("idle");
        try (var client = ChatClient.connect(base)) {
            client.signUp(name, "pw");
            String kept = client.signIn(name, "pw").optString("token");
            String left = signInElsewhere(name);
            // what is tested here is time itself: more than the idle time in all, with a use in between
            Thread.sleep(IDLE_EXPIRY.toMillis() * 5 / 8);
            assertThat(signInWith(kept)).isEqualTo(200);
            Thread.sleep(IDLE_EXPIRY.toMillis() * 5 / 8);
            assertThat(signInWith(kept)).as("used within the idle time").isEqualTo(200);
            assertThat(signInWith(left)).as("unused for longer than the idle time").isEqualTo(404);
        }
    }

    @Test
    @Order(2)
    void guessingTokensIsThrottledLikeGuessingPasswords() {
        String name = uniqueName("guessed");
        String token;
        try (var client = ChatClient.connect(base)) {
            client.signUp(name, "pw");
            token = client.signIn(name, "pw").optString("token");
        }
        try (var guesser = ChatClient.connect(base)) {
            int code = 0;
            for (int i = 0; i < 20 && code != 429; i++) {
                code = guesser.call("signin", json("token", "guess" + "x".repeat(38 - String.valueOf(i).length()) + i))
                        .optInt("code");
                assertThat(code).isIn(404, 429);
            }
            assertThat(code).isEqualTo(429);
            assertThat(guesser.call("signin", json("token", token)).optInt("code"))
                    .as("while locked, even a valid token waits").isEqualTo(429);
        }
    }

    private String signInElsewhere(String name) {
        try (var other = ChatClient.connect(base)) {
            return other.signIn(name, "pw").optString("token");
        }
    }

    private int signInWith(String token) {
        try (var other = ChatClient.connect(base)) {
            return other.call("signin", json("token", token)).optInt("code");
        }
    }
}

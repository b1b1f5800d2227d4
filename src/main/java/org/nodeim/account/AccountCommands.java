package org.nodeim.account;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.nodeim.command.Arguments;
import org.nodeim.command.Command;
import org.nodeim.command.CommandHandler;
import org.nodeim.command.Reply;
import org.nodeim.json.JsonFactory;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;
import org.nodeim.session.Connection;
import org.nodeim.session.SessionRegistry;
import org.nodeim.session.SignedIn;

/** The account commands: signup, signin, signout, find, profile, retrieve. */
@ApplicationScoped
public class AccountCommands {

    @EJB
    AccountService accounts;

    @EJB
    DeviceService devices;

    @Inject
    ConnectionDevices connectionDevices;

    @Inject
    PasswordHashing hashing;

    @Inject
    SessionRegistry registry;

    @Inject
    UserRooms userRooms;

    @Inject
    Event<SignedIn> signedIn;

    @Resource
    ManagedExecutorService executor;

    @Produces
    @Command(value = "signup", signedIn = false)
    CommandHandler signup() {
        return (caller, data) -> {
            String username = Arguments.requiredText(data, "username");
            String password = Arguments.requiredText(data, "password");
            JsonObject fields = JsonFactory.objectBuilder(data).remove("username").remove("password").build();
            return Reply.when(hashing.run(() -> Reply.ok().with("id", accounts.signup(username, password, fields))));
        };
    }

    @Produces
    @Command(value = "signin", signedIn = false)
    CommandHandler signin() {
        return (caller, data) -> {
            if (caller.userId().isPresent()) {
                throw new Refused(Reason.ALREADY_SIGNED_IN, "already signed in");
            }
            if (Arguments.has(data, "token") && !Arguments.has(data, "password")) {
                String token = Arguments.requiredText(data, "token");
                DeviceService.Resumed resumed = accounts.resume(token, caller.remoteAddress());
                return signedIn(caller, resumed.user(), resumed.deviceId(), token);
            }
            Optional<String> username = Arguments.has(data, "username")
                    ? Optional.of(Arguments.requiredText(data, "username")) : Optional.empty();
            String password = Arguments.requiredText(data, "password");
            if (username.isEmpty() && !Arguments.has(data, "id")) {
                throw new Refused(Reason.MISSING, "username or id required");
            }
            OptionalLong given = Arguments.id(data, "id");
            Optional<Long> id = given.isPresent() ? Optional.of(given.getAsLong()) : Optional.empty();
            Supplier<Reply> attempt = () -> signIn(caller, username, id, password);
            Duration delay = accounts.signinDelay(username, id);
            if (delay.isZero()) {
                return Reply.when(hashing.run(attempt));
            }
            // an account under attack: this attempt waits, without holding a thread, then goes on
            Executor later = CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, executor);
            return Reply.when(CompletableFuture.runAsync(() -> { }, later).thenCompose(waited -> hashing.run(attempt)));
        };
    }

    /** A password signin: the device it comes from gets a new resume token. */
    private Reply signIn(Connection caller, Optional<String> username, Optional<Long> id, String password) {
        if (caller.userId().isPresent()) {
            throw new Refused(Reason.ALREADY_SIGNED_IN, "already signed in");
        }
        User user = accounts.authenticate(username, id, password, caller.remoteAddress());
        DeviceService.Issued issued = devices.issue(user.id(), caller.remoteAddress());
        try {
            return signedIn(caller, user, issued.deviceId(), issued.token());
        } catch (RuntimeException e) {
            devices.revoke(user.id(), issued.deviceId());
            throw e;
        }
    }

    /** Signs the connection in as the user, by the token of one of the user's devices. */
    private Reply signedIn(Connection caller, User user, long deviceId, String token) {
        JsonObject document = user.document();
        JsonArray roomDocuments = userRooms.of(user.id());
        connectionDevices.signedIn(caller, deviceId); // before any message reaches the connection: its receipts name the device
        boolean firstConnection = registry.signIn(caller, user.id());
        return Reply.ok().with("doc", user.ownDocument()).with("rooms", roomDocuments).with("token", token).with("device", deviceId)
                .andThen(() -> signedIn.fire(new SignedIn(caller, user.id(), document, firstConnection, roomDocuments)));
    }

    /**
     * Signs this connection out and revokes its device's token; with {@code everywhere}, revokes
     * every token of the user and signs out every connection of theirs.
     */
    @Produces
    @Command("signout")
    CommandHandler signout() {
        return (caller, data) -> {
            long user = caller.userId().orElseThrow();
            OptionalLong device = connectionDevices.take(caller);
            if (Arguments.flag(data, "everywhere")) {
                devices.revokeAll(user);
                registry.connectionsOf(user).forEach(connectionDevices::take);
                registry.signOutEverywhere(user);
            } else {
                device.ifPresent(signedInAs -> devices.revoke(user, signedInAs));
            }
            registry.signOut(caller);
            return Reply.ok();
        };
    }

    @Produces
    @Command("find")
    CommandHandler find() {
        return (caller, data) -> {
            var users = JsonFactory.arrayBuilder();
            accounts.find(data).forEach(user -> users.add(user.document()));
            return Reply.ok().with("users", users.build());
        };
    }

    @Produces
    @Command("profile")
    CommandHandler profile() {
        return (caller, data) -> {
            if (!Arguments.has(data, "doc")) {
                throw new Refused(Reason.MISSING, "doc required");
            }
            if (!(data.get("doc") instanceof JsonObject changes)) {
                throw new Refused(Reason.INVALID, "doc must be an object");
            }
            accounts.changeProfile(caller.userId().orElseThrow(), changes);
            return Reply.ok();
        };
    }

    @Produces
    @Command(value = "retrieve", signedIn = false)
    CommandHandler retrieve() {
        return (caller, data) -> {
            if (!Arguments.has(data, "username")) {
                throw new Refused(Reason.MISSING, "username required");
            }
            String username = Arguments.requiredText(data, "username");
            if (!Arguments.has(data, "answer") && !Arguments.has(data, "newpassword")) {
                return Reply.ok().with("question", accounts.question(username, caller.remoteAddress()));
            }
            String answer = Arguments.text(data, "answer").filter(a -> !a.isEmpty())
                    .orElseThrow(() -> new Refused(Reason.INVALID, "answer and newpassword required"));
            String newPassword = Arguments.text(data, "newpassword").filter(p -> !p.isEmpty())
                    .orElseThrow(() -> new Refused(Reason.INVALID, "answer and newpassword required"));
            return Reply.when(hashing.run(() -> {
                accounts.resetPassword(username, answer, newPassword, caller.remoteAddress());
                return Reply.ok();
            }));
        };
    }
}

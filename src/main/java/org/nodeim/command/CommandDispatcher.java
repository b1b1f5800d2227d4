package org.nodeim.command;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nodeim.presence.Connection;

/**
 * Routes a command to the handler registered under its name, after the checks every command
 * shares, in this order: a known command (400), data that is a JSON object (400), a signed-in
 * caller where the command needs one (403). Turns any unexpected failure into a 500 that
 * tells the client nothing of the cause, and logs the cause.
 */
@ApplicationScoped
public class CommandDispatcher {

    private static final Logger LOG = Logger.getLogger(CommandDispatcher.class.getName());

    private record Registration(CommandHandler handler, boolean signedIn) {
    }

    @Inject
    @Any
    Instance<CommandHandler> handlers;

    private final Map<String, Registration> registrations = new HashMap<>();

    @PostConstruct
    void register() {
        for (var handle : handlers.handles()) {
            Command command = commandOf(handle.getBean().getQualifiers());
            if (command == null) {
                continue;
            }
            register(command.value(), command.signedIn(), handle.get());
        }
    }

    /** Registers the handler of a command; a second one for the same name is a deployment error. */
    void register(String name, boolean signedIn, CommandHandler handler) {
        if (registrations.putIfAbsent(name, new Registration(handler, signedIn)) != null) {
            throw new IllegalStateException("two handlers for command " + name);
        }
    }

    private static Command commandOf(Iterable<Annotation> qualifiers) {
        for (Annotation qualifier : qualifiers) {
            if (qualifier instanceof Command command) {
                return command;
            }
        }
        return null;
    }

    /**
     * The reply to a command: complete at once, or once what the command waits for is done
     * (then on the thread that finished it). Never completes exceptionally.
     */
    public CompletionStage<Reply> dispatch(Connection caller, String name, JsonValue data) {
        Registration registration = registrations.get(name);
        if (registration == null) {
            return done(Reply.error(400, "unknown command"));
        }
        if (data == null || data.getValueType() != JsonValue.ValueType.OBJECT) {
            return done(Reply.error(400, "data must be a JSON object"));
        }
        if (registration.signedIn() && caller.userId().isEmpty()) {
            return done(Reply.error(403, "not signed in"));
        }
        Reply reply;
        try {
            reply = registration.handler().handle(caller, data.asJsonObject());
        } catch (RuntimeException e) {
            return done(failed(name, e));
        }
        CompletionStage<Reply> deferred = reply.deferred();
        if (deferred == null) {
            return done(reply);
        }
        return deferred.handle((outcome, e) -> e == null ? outcome : failed(name, e));
    }

    private static CompletionStage<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    /** The reply to a command that threw: its own error, or a 500 that tells nothing of the cause. */
    private static Reply failed(String name, Throwable e) {
        CommandFailure failure = causeOf(e);
        if (failure != null) {
            return failure.toReply();
        }
        LOG.log(Level.SEVERE, "command " + name + " failed", e);
        return Reply.error(500, "internal server error");
    }

    private static CommandFailure causeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CommandFailure failure) {
                return failure;
            }
        }
        return null;
    }
}

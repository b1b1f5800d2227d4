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
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;
import org.nodeim.session.Connection;

/**
 * Routes a command to the handler registered under its name, after the checks every command
 * shares, in this order: a known command, data that is a JSON object, a signed-in caller where
 * the command needs one. Answers a {@link Refused} with the code {@link ErrorCodes} gives its
 * reason; turns any unexpected failure into a 500 that tells the client nothing of the cause,
 * and logs the cause.
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

    /** Whether a handler is registered under that name. */
    public boolean isCommand(String name) {
        return registrations.containsKey(name);
    }

    /**
     * The reply to a command: complete at once, or once what the command waits for is done
     * (then on the thread that finished it). Never completes exceptionally.
     */
    public CompletionStage<Reply> dispatch(Connection caller, String name, JsonValue data) {
        Registration registration = registrations.get(name);
        if (registration == null) {
            return done(refused(name, new Refused(Reason.INVALID, "unknown command")));
        }
        if (data == null || data.getValueType() != JsonValue.ValueType.OBJECT) {
            return done(refused(name, new Refused(Reason.INVALID, "data must be a JSON object")));
        }
        if (registration.signedIn() && caller.userId().isEmpty()) {
            return done(refused(name, new Refused(Reason.NOT_SIGNED_IN, "not signed in")));
        }
        Reply reply;
        try {
            reply = registration.handler().handle(caller, data.asJsonObject());
        } catch (RuntimeException e) {
            return done(failed(caller, name, e));
        }
        CompletionStage<Reply> deferred = reply.deferred();
        if (deferred == null) {
            return done(reply);
        }
        return deferred.handle((outcome, e) -> e == null ? outcome : failed(caller, name, e));
    }

    private static CompletionStage<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    /** The reply to a command that threw: its refusal, or a 500 that tells nothing of the cause. */
    private static Reply failed(Connection caller, String name, Throwable e) {
        Refused refused = causeOf(e);
        if (refused != null) {
            return refused(name, refused);
        }
        OptionalLong user = caller.userId();
        LOG.log(Level.SEVERE, "command " + name + " of connection " + caller.id() + " (user "
                + (user.isPresent() ? Long.toString(user.getAsLong()) : "none") + ") failed", e);
        return Reply.error(ErrorCodes.INTERNAL, "internal server error");
    }

    /** A refusal as the wire says it: the code of its reason for this command, and its message. */
    private static Reply refused(String name, Refused refused) {
        return Reply.error(ErrorCodes.code(name, refused.reason()), refused.getMessage());
    }

    private static Refused causeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Refused refused) {
                return refused;
            }
        }
        return null;
    }
}

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
            var previous = registrations.put(command.value(), new Registration(handle.get(), command.signedIn()));
            if (previous != null) {
                throw new IllegalStateException("two handlers for command " + command.value());
            }
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

    public Reply dispatch(Connection caller, String name, JsonValue data) {
        Registration registration = registrations.get(name);
        if (registration == null) {
            return Reply.error(400, "unknown command");
        }
        if (data == null || data.getValueType() != JsonValue.ValueType.OBJECT) {
            return Reply.error(400, "data must be a JSON object");
        }
        if (registration.signedIn() && caller.userId().isEmpty()) {
            return Reply.error(403, "not signed in");
        }
        try {
            return registration.handler().handle(caller, data.asJsonObject());
        } catch (CommandFailure failure) {
            return failure.toReply();
        } catch (RuntimeException e) {
            CommandFailure failure = causeOf(e);
            if (failure != null) {
                return failure.toReply();
            }
            LOG.log(Level.SEVERE, "command " + name + " failed", e);
            return Reply.error(500, "internal server error");
        }
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

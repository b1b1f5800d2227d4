package org.nodeim.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.nodeim.chat.MessageJournal;
import org.nodeim.protocol.EngineSessions;

/**
 * Alive while the two threads nothing else replaces are at work: the message journal's writer
 * (without it no message is committed) and the heartbeat (without it dead clients stay).
 * Either stopped means a restart.
 */
@Liveness
@ApplicationScoped
public class ServerLiveness implements HealthCheck {

    static final String NAME = "nodeim";

    @Inject
    MessageJournal journal;

    @Inject
    EngineSessions sessions;

    @Override
    public HealthCheckResponse call() {
        boolean journalWriting = journal.isWriting();
        boolean heartbeat = sessions.isBeating();
        return HealthCheckResponse.named(NAME)
                .status(journalWriting && heartbeat)
                .withData("message-journal", journalWriting ? "writing" : "stopped")
                .withData("heartbeat", heartbeat ? "running" : "stopped")
                .build();
    }
}

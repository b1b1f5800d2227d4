package org.nodeim.chat;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.nodeim.metrics.Meters;
import org.nodeim.metrics.Meters.Counter;
import org.nodeim.metrics.Meters.Histogram;
import org.nodeim.metrics.Meters.Name;

/** The messaging figures in the server's metrics. */
@ApplicationScoped
public class ChatMetrics {

    @Inject
    Meters metrics;

    private Counter stored;
    private Counter delivered;
    private Histogram batchSizes;

    @PostConstruct
    void register() {
        stored = metrics.counter(new Name("nodeim.messages.stored", "Messages committed to the database, direct and in rooms"));
        delivered = metrics.counter(new Name("nodeim.messages.delivered",
                "Messages a recipient's client proved it received: once a direct message, once a room message and member"));
        batchSizes = metrics.histogram(new Name("nodeim.journal.batch.size", "Messages and delivery records written by one group commit"));
    }

    /** Registers the figures with the application, so that they read 0 before the first message. */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // observing is enough: the bean is created, and registers its figures
    }

    void committed(int messages, int batchSize) {
        stored.inc(messages);
        batchSizes.update(batchSize);
    }

    void delivered() {
        delivered.inc();
    }
}

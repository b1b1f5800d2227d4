package org.nodeim.chat;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** The messaging figures in the server's metrics (MicroProfile Metrics, application scope). */
@ApplicationScoped
public class ChatMetrics {

    @Inject
    MetricRegistry metrics;

    private Counter stored;
    private Counter delivered;
    private Histogram batchSizes;

    @PostConstruct
    void register() {
        stored = metrics.counter(Metadata.builder().withName("nodeim.messages.stored")
                .withDescription("Messages committed to the database, direct and in rooms").build());
        delivered = metrics.counter(Metadata.builder().withName("nodeim.messages.delivered")
                .withDescription("Messages a recipient's client proved it received: once a direct message, "
                        + "once a room message and member").build());
        batchSizes = metrics.histogram(Metadata.builder().withName("nodeim.journal.batch.size")
                .withDescription("Messages and delivery records written by one group commit").build());
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

package org.nodeim.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.CDI;
import java.util.logging.Logger;

/** Gives the application its {@link Meters}: the server's MicroProfile Metrics if it has them. */
@ApplicationScoped
public class MetersProducer {

    private static final Logger LOG = Logger.getLogger(MetersProducer.class.getName());

    static final String METRICS_API = "org.eclipse.microprofile.metrics.MetricRegistry";

    @Produces
    @ApplicationScoped
    Meters meters() {
        try {
            Class.forName(METRICS_API, false, MetersProducer.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.info("this server has no MicroProfile Metrics: nodeim's figures are not exported");
            return Meters.NONE;
        }
        return CDI.current().select(MicroProfileMeters.class).get();
    }
}

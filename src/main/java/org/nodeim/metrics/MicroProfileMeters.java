package org.nodeim.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * The figures in the server's MicroProfile Metrics registry (application scope). Only this
 * class names the MicroProfile Metrics API, and only {@link MetersProducer} asks for it, once it
 * has found that API; a server without it ignores this bean, whose registry it cannot load.
 * The registry is injected, not looked up: the container's producer of it reads the injection
 * point.
 */
@ApplicationScoped
@Typed(MicroProfileMeters.class)
class MicroProfileMeters implements Meters {

    @Inject
    MetricRegistry registry;

    @Override
    public Counter counter(Name name, Tag... tags) {
        return registry.counter(metadata(name), tags(tags))::inc;
    }

    @Override
    public Histogram histogram(Name name) {
        return registry.histogram(metadata(name))::update;
    }

    @Override
    public <T> void gauge(Name name, T source, ToLongFunction<T> reading, Tag... tags) {
        registry.gauge(metadata(name), source, value -> reading.applyAsLong(value), tags(tags));
    }

    private static Metadata metadata(Name name) {
        var builder = Metadata.builder().withName(name.name()).withDescription(name.description());
        return switch (name.unit()) {
            case NONE -> builder.build();
            case NANOSECONDS -> builder.withUnit(MetricUnits.NANOSECONDS).build();
            case BYTES -> builder.withUnit(MetricUnits.BYTES).build();
        };
    }

    private static org.eclipse.microprofile.metrics.Tag[] tags(Tag... tags) {
        return Arrays.stream(tags).map(tag -> new org.eclipse.microprofile.metrics.Tag(tag.key(), tag.value()))
                .toArray(org.eclipse.microprofile.metrics.Tag[]::new);
    }
}

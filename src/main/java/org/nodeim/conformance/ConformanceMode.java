package org.nodeim.conformance;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes {@link ConformanceServer} a bean only when {@code nodeim.protocol.conformance} is true,
 * so that outside conformance mode no packet passes through it.
 */
public class ConformanceMode implements Extension {

    static final String ENABLED = "nodeim.protocol.conformance";

    void onlyInConformanceMode(@Observes ProcessAnnotatedType<ConformanceServer> server) {
        boolean enabled = ConfigProvider.getConfig().getOptionalValue(ENABLED, Boolean.class).orElse(false);
        if (!enabled) {
            server.veto();
        }
    }
}

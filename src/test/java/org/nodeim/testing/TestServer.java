package org.nodeim.testing;

import java.net.MalformedURLException;
import java.net.URL;

/**
 * The server the integration tests deploy on: Payara Micro, or WildFly under
 * {@code mvn verify -Pwildfly} (which sets {@code nodeim.server=wildfly}), where a few things
 * are elsewhere or behave otherwise. Tests that only mean something on one of them are tagged
 * {@value #PAYARA_ONLY} or {@value #WILDFLY_ONLY} instead.
 */
public final class TestServer {

    /** The JUnit tag of tests that the WildFly run leaves out, each saying why. */
    public static final String PAYARA_ONLY = "payara-only";

    /** The JUnit tag of tests that only the WildFly run runs. */
    public static final String WILDFLY_ONLY = "wildfly-only";

    /** WildFly's HTTP port 8080 and management port 9990, both moved by the same port offset. */
    private static final int WILDFLY_MANAGEMENT_PAST_HTTP = 9990 - 8080;

    private TestServer() {
    }

    public static boolean isWildFly() {
        return "wildfly".equals(System.getProperty("nodeim.server"));
    }

    /**
     * The root of the WildFly server of this fork of the tests ({@code src/test/resources/arquillian.xml}:
     * HTTP on 8080 shifted by ten thousand times the fork), for a test that deploys the
     * application itself and so gets no URL from Arquillian.
     */
    public static URL wildFlyBase() {
        int fork = Integer.parseInt(System.getProperty("nodeim.it.fork", "1"));
        try {
            return new URL("http", "127.0.0.1", fork * 10_000 + 8080, "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Where MicroProfile Health answers ({@code health}, {@code health/ready}...): the
     * application's own port on Payara, the management interface on WildFly.
     */
    public static URL health(URL deployment) {
        URL base = Loopback.of(deployment);
        if (!isWildFly()) {
            return base;
        }
        try {
            return new URL("http", base.getHost(), base.getPort() + WILDFLY_MANAGEMENT_PAST_HTTP, "/");
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

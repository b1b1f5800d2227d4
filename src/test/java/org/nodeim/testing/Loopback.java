package org.nodeim.testing;

import java.net.MalformedURLException;
import java.net.URL;

/**
 * The deployment's URL on the loopback interface: Payara Micro may report the machine's
 * network address, and the tests talk to this machine only.
 */
public final class Loopback {

    private Loopback() {
    }

    /** {@code http://127.0.0.1:PORT/} for the port of the deployment's URL. */
    public static URL of(URL deployment) {
        try {
            return new URL("http", "127.0.0.1", deployment.getPort(), "/");
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

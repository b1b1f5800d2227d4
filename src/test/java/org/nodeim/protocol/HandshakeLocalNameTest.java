package org.nodeim.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HandshakeLocalNameTest {

    /** A request answering the given headers and a local address; asking it for its local name fails the test. */
    private static HttpServletRequest request(Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getLocalAddr" -> "10.0.0.5";
                    case "getLocalName" -> throw new AssertionError("the container was asked for its local name (a reverse lookup)");
                    default -> null;
                });
    }

    private static ServletRequest passedOn(HttpServletRequest request) throws Exception {
        var seen = new AtomicReference<ServletRequest>();
        new HandshakeLocalName().doFilter(request, (HttpServletResponse) null, (req, res) -> seen.set(req));
        return seen.get();
    }

    @Test
    void aWebSocketHandshakeGoesOnWithItsAddressAsItsLocalName() throws Exception {
        ServletRequest handshake = passedOn(request(Map.of("Upgrade", "WebSocket")));

        assertThat(handshake.getLocalName()).isEqualTo("10.0.0.5");
        assertThat(((HttpServletRequest) handshake).getHeader("Upgrade")).isEqualTo("WebSocket");
    }

    @Test
    void anyOtherRequestGoesOnAsItCame() throws Exception {
        HttpServletRequest polling = request(Map.of());

        assertThat(passedOn(polling)).isSameAs(polling);
    }
}

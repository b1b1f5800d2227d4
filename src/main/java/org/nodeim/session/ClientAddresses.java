package org.nodeim.session;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address of a client, as the login throttle, the logs and the console's audit see it.
 * Behind a balancer every connection comes from the balancer: when the peer is one of the
 * trusted proxies ({@code nodeim.trusted-proxies}), the client is the last address of
 * {@code X-Forwarded-For} that is not a trusted proxy itself. With no trusted proxy (the
 * default) the header is ignored, since any client can send one.
 */
@ApplicationScoped
public class ClientAddresses {

    /** The header a balancer adds the address of its client to. */
    public static final String FORWARDED_FOR = "X-Forwarded-For";

    /** An IPv4 or IPv6 address, as a proxy writes it; anything else in the header is not believed. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    @Inject
    @ConfigProperty(name = "nodeim.trusted-proxies")
    Optional<String> trustedProxies = Optional.empty();

    private Set<String> trusted = Set.of();

    @PostConstruct
    void read() {
        trusted = trustedProxies.map(list -> Arrays.stream(list.split(","))
                        .map(String::strip)
                        .filter(address -> !address.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    /** The client of an HTTP request. */
    public String of(HttpServletRequest request) {
        return of(request.getRemoteAddr(), Collections.list(request.getHeaders(FORWARDED_FOR)));
    }

    /** The client of a connection from {@code peer} whose request had these {@code X-Forwarded-For} headers. */
    public String of(String peer, List<String> forwardedFor) {
        return resolve(peer, forwardedFor, trusted);
    }

    static String resolve(String peer, List<String> forwardedFor, Set<String> trusted) {
        if (peer == null || !trusted.contains(peer) || forwardedFor == null) {
            return peer;
        }
        var hops = new ArrayList<String>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!ADDRESS.matcher(hop).matches()) {
                return peer;
            }
            if (!trusted.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}

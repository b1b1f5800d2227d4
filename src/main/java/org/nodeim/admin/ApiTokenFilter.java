package org.nodeim.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.Set;
import org.nodeim.session.ClientAddresses;

/**
 * Lets through only calls with a valid API token ({@code Authorization: Bearer TOKEN}), before
 * any resource is matched: any other call gets 401, whatever its path, so that the API's shape
 * is not told to strangers. A read-only token may only read (GET, HEAD, OPTIONS): 403
 * otherwise. Every call that got through is audited once answered, with its status.
 */
@ApplicationScoped
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ApiTokenFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** The request property that holds the caller ({@link Administrator}) once authenticated. */
    static final String CALLER = ApiTokenFilter.class.getName() + ".caller";

    private static final String BEARER = "Bearer ";
    private static final Set<String> READING = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @EJB
    ApiTokens tokens;

    @EJB
    AuditLog audit;

    @Inject
    ClientAddresses addresses;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext call) {
        Optional<ApiToken> token = Optional.ofNullable(call.getHeaderString(HttpHeaders.AUTHORIZATION))
                .filter(header -> header.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(header -> header.substring(BEARER.length()).strip())
                .flatMap(tokens::authenticate);
        if (token.isEmpty()) {
            call.abortWith(ApiErrors.response(Response.Status.UNAUTHORIZED, "an API token is needed: Authorization: Bearer TOKEN")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"nodeim\"").build());
            return;
        }
        if (token.get().readOnly() && !READING.contains(call.getMethod())) {
            call.abortWith(ApiErrors.response(Response.Status.FORBIDDEN, "this token may only read").build());
        }
        call.setProperty(CALLER, new Administrator("api:" + token.get().name(), addresses.of(request)));
    }

    @Override
    public void filter(ContainerRequestContext call, ContainerResponseContext answer) {
        if (call.getProperty(CALLER) instanceof Administrator caller) {
            audit.record(caller, "api." + call.getMethod(), call.getUriInfo().getRequestUri().getRawPath() + " " + answer.getStatus());
        }
    }
}

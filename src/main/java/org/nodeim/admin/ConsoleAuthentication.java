package org.nodeim.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The console's sign-in: the login page hands the credentials over ({@link LoginBacking});
 * a valid sign-in is kept in a new HTTP session ({@link AutoApplySession}). A request for a
 * console page without it is redirected to the login page, which carries the page asked for
 * in its address ({@code next}) and opens it after signing in; nothing is kept for it: unlike
 * the built-in form mechanisms, which save the request in a session to replay it after signing
 * in, an anonymous request creates no session (the login page is a stateless view too), so
 * that anonymous requests cannot fill the server's memory with sessions.
 */
@AutoApplySession
@ApplicationScoped
public class ConsoleAuthentication implements HttpAuthenticationMechanism {

    @Inject
    IdentityStoreHandler identities;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (credential != null) {
            return context.notifyContainerAboutLogin(identities.validate(credential));
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        try {
            response.sendRedirect(request.getContextPath() + ConsoleConfiguration.LOGIN_PAGE
                    + LoginBacking.askingFor(request.getRequestURI().substring(request.getContextPath().length()),
                            request.getQueryString()));
        } catch (IOException e) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }
}

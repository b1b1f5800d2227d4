package org.nodeim.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** The login page and the logout button. */
@Named("login")
@RequestScoped
public class LoginBacking {

    static final String FAILED = "Wrong username or password, or too many attempts: try again later.";

    @Inject
    SecurityContext security;

    @Inject
    FacesContext faces;

    /** The longest page address that signing in goes on to. */
    private static final int MAX_NEXT_LENGTH = 512;
    private static final Pattern CONSOLE_PAGE = Pattern.compile("/admin/([a-z]+\\.xhtml)?(\\?[A-Za-z0-9=&%._-]*)?");

    private String username;
    private String password;
    private String next;

    /**
     * The query of the login page's address for a request of that page: {@code ?next=} and the
     * page, when it is one signing in may go on to; empty otherwise.
     */
    static String askingFor(String path, String query) {
        String page = query == null ? path : path + "?" + query;
        return landing(page).equals(ConsoleConfiguration.HOME) ? ""
                : "?next=" + URLEncoder.encode(page, StandardCharsets.UTF_8);
    }

    /**
     * Where signing in goes on to: the page first asked for when it is a plain console page
     * ({@code /admin/name.xhtml}, with a plain query), else the dashboard; never another site,
     * another path, or the login page.
     */
    static String landing(String page) {
        if (page == null || page.length() > MAX_NEXT_LENGTH || !CONSOLE_PAGE.matcher(page).matches()
                || page.startsWith(ConsoleConfiguration.LOGIN_PAGE)) {
            return ConsoleConfiguration.HOME;
        }
        return page;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** Signs in, with a new session id; then the page first asked for, or the dashboard. */
    public void submit() throws IOException {
        ExternalContext external = faces.getExternalContext();
        var request = (HttpServletRequest) external.getRequest();
        var response = (HttpServletResponse) external.getResponse();
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(username, new Password(password)))
                .newAuthentication(true));
        switch (status) {
            case SEND_CONTINUE -> faces.responseComplete();
            case SUCCESS -> external.redirect(external.getRequestContextPath() + landing(next));
            default -> ConsoleViews.error(FAILED);
        }
    }

    public void logout() throws IOException, ServletException {
        ExternalContext external = faces.getExternalContext();
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + ConsoleConfiguration.LOGIN_PAGE);
    }
}

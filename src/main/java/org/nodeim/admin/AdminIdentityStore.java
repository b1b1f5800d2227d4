package org.nodeim.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.nodeim.account.Directory;
import org.nodeim.account.LoginThrottle;
import org.nodeim.account.LoginThrottle.Realm;
import org.nodeim.refusal.Refused;
import org.nodeim.session.ClientAddresses;

/**
 * Checks console sign-ins against {@link AdminCredentials}, then (when configured) against the
 * directory's administrators' group ({@link Directory}); a valid one is in the group (and
 * role) {@value #ROLE}. Guessing is throttled apart from chat signins (per administrator name
 * and address, and per address; no account-wide delay, which would hold a request thread), and
 * every attempt is audited.
 */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    public static final String ROLE = "admin";

    /** The longest password looked at. */
    private static final int MAX_PASSWORD = 1024;

    @EJB
    AdminCredentials credentials;

    @Inject
    LoginThrottle throttle;

    @EJB
    AuditLog audit;

    @Inject
    HttpServletRequest request;

    @Inject
    ClientAddresses addresses;

    @Inject
    Directory directory;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String name = login.getCaller() == null ? "" : login.getCaller();
        String password = login.getPasswordAsString() == null ? "" : login.getPasswordAsString();
        String address = addresses.of(request);
        var who = new Administrator(name, address);
        try {
            throttle.checkAllowed(Realm.CONSOLE, name, address);
        } catch (Refused locked) {
            audit.record(who, "signin.locked", null);
            return CredentialValidationResult.INVALID_RESULT;
        }
        if (password.length() > MAX_PASSWORD || !credentials.matches(name, password) && !inDirectory(name, password)) {
            throttle.failed(Realm.CONSOLE, name, address);
            audit.record(who, "signin.failed", null);
            return CredentialValidationResult.INVALID_RESULT;
        }
        throttle.succeeded(Realm.CONSOLE, name, address);
        audit.record(who, "signin", null);
        return new CredentialValidationResult(name, Set.of(ROLE));
    }

    /** Whether the directory, when configured for the console, has this administrator with this password. */
    private boolean inDirectory(String name, String password) {
        if (!directory.forConsole() || name.isEmpty()) {
            return false;
        }
        try {
            return directory.administrator(name, password).isPresent();
        } catch (Refused unreachable) {
            return false;
        }
    }
}

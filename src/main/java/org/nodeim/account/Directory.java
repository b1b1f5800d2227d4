package org.nodeim.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Hashtable;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/**
 * An enterprise directory (LDAP) that signs chat users and console administrators in, when
 * configured ({@code nodeim.ldap.url}). A user is found by a search (as the service account,
 * or anonymously), then their password is checked by binding as them; the JDK's LDAP client
 * escapes the name in the search filter. Nothing of the directory is kept but what a user's
 * first signin copies into their profile (name, mail).
 */
@ApplicationScoped
public class Directory {

    private static final Logger LOG = Logger.getLogger(Directory.class.getName());

    /** How long connecting to, and waiting for, the directory may take. */
    static final String TIMEOUT_MILLIS = "5000";

    private static final String[] ATTRIBUTES = {"cn", "displayName", "mail"};

    @Inject
    @ConfigProperty(name = "nodeim.ldap.url")
    Optional<String> url = Optional.empty();

    @Inject
    @ConfigProperty(name = "nodeim.ldap.base-dn")
    Optional<String> baseDn = Optional.empty();

    @Inject
    @ConfigProperty(name = "nodeim.ldap.user-filter", defaultValue = "(uid={0})")
    String userFilter = "(uid={0})";

    @Inject
    @ConfigProperty(name = "nodeim.ldap.bind-dn")
    Optional<String> bindDn = Optional.empty();

    @Inject
    @ConfigProperty(name = "nodeim.ldap.bind-password")
    Optional<String> bindPassword = Optional.empty();

    @Inject
    @ConfigProperty(name = "nodeim.ldap.chat", defaultValue = "false")
    boolean chat;

    @Inject
    @ConfigProperty(name = "nodeim.ldap.admin-group")
    Optional<String> adminGroup = Optional.empty();

    /** A user of the directory: where, their username, and what their profile starts with. */
    public record Entry(String dn, String username, Optional<String> name, Optional<String> mail) {
    }

    /** Whether chat users of the directory sign in with its passwords. */
    public boolean forChat() {
        return url.isPresent() && chat;
    }

    /** Whether members of the administrators' group sign in to the console. */
    public boolean forConsole() {
        return url.isPresent() && adminGroup.isPresent();
    }

    /**
     * The directory's user of that name, if it has one.
     *
     * @throws Refused 503 when the directory cannot be reached or asked
     */
    public Optional<Entry> find(String username) {
        DirContext context = connect(bindDn, bindPassword);
        try {
            var controls = new SearchControls();
            controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
            controls.setCountLimit(2);
            controls.setTimeLimit(Integer.parseInt(TIMEOUT_MILLIS));
            controls.setReturningAttributes(ATTRIBUTES);
            NamingEnumeration<SearchResult> results = context.search(baseDn.orElse(""), userFilter, new Object[] {username}, controls);
            if (!results.hasMore()) {
                return Optional.empty();
            }
            SearchResult found = results.next();
            if (results.hasMore()) {
                LOG.warning(() -> "the directory has more than one user named " + username + ": none signs in");
                return Optional.empty();
            }
            Attributes attributes = found.getAttributes();
            Optional<String> name = text(attributes, "displayName").or(() -> text(attributes, "cn"));
            return Optional.of(new Entry(found.getNameInNamespace(), username, name, text(attributes, "mail")));
        } catch (NamingException e) {
            throw unreachable(e);
        } finally {
            close(context);
        }
    }

    /** Whether the password is the user's in the directory (an empty one never is). */
    public boolean verify(Entry entry, String password) {
        if (password.isEmpty()) {
            return false;
        }
        try {
            close(connect(Optional.of(entry.dn()), Optional.of(password)));
            return true;
        } catch (WrongPassword e) {
            return false;
        }
    }

    /** The directory's user, if the password is theirs and they are in the administrators' group. */
    public Optional<Entry> administrator(String username, String password) {
        Optional<Entry> entry = find(username).filter(found -> verify(found, password));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        DirContext context = connect(bindDn, bindPassword);
        try {
            var controls = new SearchControls();
            controls.setSearchScope(SearchControls.OBJECT_SCOPE);
            controls.setReturningAttributes(new String[0]);
            boolean member = context.search(adminGroup.orElseThrow(), "(|(member={0})(uniqueMember={0})(memberUid={1}))",
                    new Object[] {entry.get().dn(), username}, controls).hasMore();
            return member ? entry : Optional.empty();
        } catch (NamingException e) {
            throw unreachable(e);
        } finally {
            close(context);
        }
    }

    private DirContext connect(Optional<String> principal, Optional<String> password) {
        var environment = new Hashtable<String, String>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        environment.put(Context.PROVIDER_URL, url.orElseThrow());
        environment.put("com.sun.jndi.ldap.connect.timeout", TIMEOUT_MILLIS);
        environment.put("com.sun.jndi.ldap.read.timeout", TIMEOUT_MILLIS);
        environment.put(Context.REFERRAL, "ignore");
        if (principal.isPresent()) {
            environment.put(Context.SECURITY_AUTHENTICATION, "simple");
            environment.put(Context.SECURITY_PRINCIPAL, principal.get());
            environment.put(Context.SECURITY_CREDENTIALS, password.orElse(""));
        } else {
            environment.put(Context.SECURITY_AUTHENTICATION, "none");
        }
        try {
            return new InitialDirContext(environment);
        } catch (AuthenticationException e) {
            if (principal.equals(bindDn)) {
                throw unreachable(e);
            }
            throw new WrongPassword();
        } catch (NamingException e) {
            throw unreachable(e);
        }
    }

    private static Refused unreachable(NamingException e) {
        LOG.log(Level.WARNING, "the directory could not be asked", e);
        return new Refused(Reason.BUSY, "the directory cannot be reached: try again later");
    }

    private static Optional<String> text(Attributes attributes, String name) {
        Attribute attribute = attributes.get(name);
        try {
            return attribute == null || attribute.size() == 0 ? Optional.empty() : Optional.of(String.valueOf(attribute.get()));
        } catch (NamingException e) {
            return Optional.empty();
        }
    }

    private static void close(DirContext context) {
        try {
            context.close();
        } catch (NamingException e) {
            LOG.log(Level.FINE, "closing a directory connection", e);
        }
    }

    /** A bind as a user that the directory refused. */
    private static final class WrongPassword extends RuntimeException {

        private static final long serialVersionUID = 1L;

        WrongPassword() {
            super(null, null, false, false);
        }
    }
}

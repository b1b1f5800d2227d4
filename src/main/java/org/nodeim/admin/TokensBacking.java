package org.nodeim.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;
import org.nodeim.refusal.Refused;

/**
 * API tokens: those that exist (name, read-only or not, made when and by whom, last used), a
 * new one (its secret shown once, on the answer to its creation), revoking one.
 */
@Named("tokens")
@RequestScoped
public class TokensBacking {

    @EJB
    ApiTokens tokens;

    @EJB
    AuditLog audit;

    @Inject
    CurrentAdministrator administrator;

    private String name;
    private boolean readOnly;
    private String secret;

    /** One token of the list. */
    public record Row(long id, String name, boolean readOnly, String created, String createdBy, String lastUsed) {
    }

    public List<Row> getRows() {
        return tokens.all().stream().map(token -> new Row(token.id(), token.name(), token.readOnly(),
                ConsoleViews.time(Instant.ofEpochMilli(token.createdAt())), token.createdBy(),
                token.lastUsedAt().map(at -> ConsoleViews.time(Instant.ofEpochMilli(at))).orElse("never"))).toList();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** The secret of the token just made; empty otherwise. */
    public String getSecret() {
        return secret == null ? "" : secret;
    }

    /** Makes a token and stays on the page, which shows its secret this once. */
    public String create() {
        Administrator by = administrator.get();
        try {
            ApiTokens.Created created = tokens.create(by, name, readOnly);
            audit.record(by, "api.token.create", created.token().name() + (readOnly ? " (read-only)" : ""));
            secret = created.secret();
            ConsoleViews.info("Token " + created.token().name() + " made. Copy its secret now: it is not shown again.");
            name = null;
            readOnly = false;
        } catch (Refused failure) {
            ConsoleViews.error(failure.getMessage());
        }
        return null;
    }

    public String revoke(long id) {
        Administrator by = administrator.get();
        try {
            String revoked = tokens.revoke(id);
            audit.record(by, "api.token.revoke", revoked);
            ConsoleViews.info("Token " + revoked + " revoked.");
        } catch (Refused failure) {
            ConsoleViews.error(failure.getMessage());
        }
        return ConsoleViews.redirect("tokens");
    }
}

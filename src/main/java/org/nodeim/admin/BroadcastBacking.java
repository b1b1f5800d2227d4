package org.nodeim.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.nodeim.refusal.Refused;

/** Broadcast: a {@code system} message to every online user, or to every user. */
@Named("broadcast")
@RequestScoped
public class BroadcastBacking {

    static final String ONLINE = "online";
    static final String EVERYONE = "all";

    @Inject
    ConsoleActions actions;

    @Inject
    CurrentAdministrator administrator;

    private String message;
    private String audience = ONLINE;

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = EVERYONE.equals(audience) ? EVERYONE : ONLINE;
    }

    public String send() {
        try {
            int count = actions.broadcast(administrator.get(), message, EVERYONE.equals(audience));
            ConsoleViews.info("Sent to " + count + (EVERYONE.equals(audience) ? " users." : " online users."));
            return ConsoleViews.redirect("broadcast");
        } catch (Refused failure) {
            ConsoleViews.error(failure.getMessage());
            return null;
        }
    }
}

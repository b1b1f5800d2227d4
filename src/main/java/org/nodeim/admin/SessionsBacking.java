package org.nodeim.admin;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import java.io.Serializable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.nodeim.account.AccountService;
import org.nodeim.session.Connection;
import org.nodeim.session.SessionRegistry;

/** Every open connection; kick one, or all of a user's. The list is the one the page showed. */
@Named("sessions")
@ViewScoped
public class SessionsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    SessionRegistry registry;

    @EJB
    AccountService accounts;

    @Inject
    ConsoleActions actions;

    @Inject
    CurrentAdministrator administrator;

    private List<Row> rows;

    /** One connection; {@code userId} 0 when not signed in. */
    public record Row(String id, long userId, String username, String address, String transport, Instant since)
            implements Serializable {

        public boolean signedIn() {
            return userId != 0;
        }
    }

    @PostConstruct
    void load() {
        var connections = registry.all();
        Map<Long, JsonObject> documents = accounts.documents(connections.stream().map(Connection::userId)
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).distinct().toList());
        rows = connections.stream()
                .map(c -> {
                    long user = c.userId().orElse(0);
                    String name = user == 0 ? "" : documents.get(user).getString("username", "");
                    return new Row(c.id(), user, name, c.remoteAddress(), c.transport(), c.openedAt());
                })
                .sorted(Comparator.comparing(Row::since).reversed())
                .toList();
    }

    public List<Row> getRows() {
        return rows;
    }

    public String kick(String connectionId) {
        if (actions.kick(administrator.get(), connectionId)) {
            ConsoleViews.info("Connection " + connectionId + " closed.");
        } else {
            ConsoleViews.error("That connection was already closed.");
        }
        return ConsoleViews.redirect("sessions");
    }

    public String kickAll(long userId) {
        int count = actions.kickAll(administrator.get(), userId);
        ConsoleViews.info(count + " connection(s) of user #" + userId + " closed.");
        return ConsoleViews.redirect("sessions");
    }
}

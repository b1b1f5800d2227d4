package org.nodeim.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;
import org.nodeim.account.AccountService;
import org.nodeim.account.User;
import org.nodeim.database.Page;
import org.nodeim.session.SessionRegistry;

/** The users page: search by name, a page at a time (GET parameters {@code q} and {@code page}). */
@Named("users")
@RequestScoped
public class UsersBacking extends PagedBacking {

    private static final long serialVersionUID = 1L;

    static final int PAGE_SIZE = 20;

    @EJB
    AccountService accounts;

    @Inject
    SessionRegistry registry;

    private String query = "";
    private Page<User> result;

    /** One row of the list. */
    public record Row(long id, String username, Instant createdAt, boolean disabled, int connections) {

        public String created() {
            return ConsoleViews.time(createdAt);
        }
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query == null ? "" : query.strip();
    }

    private Page<User> result() {
        if (result == null) {
            result = accounts.search(query, getPage(), PAGE_SIZE);
        }
        return result;
    }

    public List<Row> getRows() {
        return result().items().stream().map(this::row).toList();
    }

    private Row row(User user) {
        return new Row(user.id(), user.username(), user.createdAt(), user.isDisabled(),
                registry.connectionsOf(user.id()).size());
    }

    @Override
    public long getTotal() {
        return result().total();
    }

    @Override
    protected int pageSize() {
        return PAGE_SIZE;
    }
}

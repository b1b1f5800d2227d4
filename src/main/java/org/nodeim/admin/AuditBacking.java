package org.nodeim.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import org.nodeim.database.Page;

/** The audit log, newest first, a page at a time ({@code ?page=N}). */
@Named("audit")
@RequestScoped
public class AuditBacking extends PagedBacking {

    private static final long serialVersionUID = 1L;

    static final int PAGE_SIZE = 50;

    @EJB
    AuditLog log;

    private Page<AuditEntry> result;

    private Page<AuditEntry> result() {
        if (result == null) {
            result = log.latest(getPage(), PAGE_SIZE);
        }
        return result;
    }

    public List<AuditEntry> getEntries() {
        return result().items();
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

package org.nodeim.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The audit log, newest first, a page at a time ({@code ?page=N}). */
@Named("audit")
@RequestScoped
public class AuditBacking extends PagedBacking {

    private static final long serialVersionUID = 1L;

    static final int PAGE_SIZE = 50;

    @Inject
    AuditLog log;

    private AuditLog.AuditPage result;

    private AuditLog.AuditPage result() {
        if (result == null) {
            result = log.latest(getPage(), PAGE_SIZE);
        }
        return result;
    }

    public List<AuditEntry> getEntries() {
        return result().entries();
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

package org.nodeim.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The audit log, newest first, a page at a time ({@code ?page=N}). */
@Named("audit")
@RequestScoped
public class AuditBacking {

    static final int PAGE_SIZE = 50;

    @Inject
    AuditLog log;

    private int page = 1;
    private AuditLog.AuditPage result;

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = Math.max(1, page);
    }

    private AuditLog.AuditPage result() {
        if (result == null) {
            result = log.latest(page, PAGE_SIZE);
        }
        return result;
    }

    public List<AuditEntry> getEntries() {
        return result().entries();
    }

    public int getPageCount() {
        return Pages.pageCount(result().total(), PAGE_SIZE);
    }

    public boolean isHasPrevious() {
        return page > 1;
    }

    public boolean isHasNext() {
        return page < getPageCount();
    }
}

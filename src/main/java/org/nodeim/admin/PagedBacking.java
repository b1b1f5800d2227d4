package org.nodeim.admin;

import java.io.Serializable;
import org.nodeim.database.Page;

/**
 * What the console's list pages share: the page asked for ({@code ?page=N}), how many pages
 * there are, and whether there is one before and one after.
 */
abstract class PagedBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    private int page = 1;

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = Math.max(1, page);
    }

    /** How many entries the list has in all. */
    public abstract long getTotal();

    protected abstract int pageSize();

    public int getPageCount() {
        return Math.max(1, Page.lastPage(getTotal(), pageSize()));
    }

    public boolean isHasPrevious() {
        return page > 1;
    }

    public boolean isHasNext() {
        return page < getPageCount();
    }
}

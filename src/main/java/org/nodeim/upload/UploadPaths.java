package org.nodeim.upload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.ServletContext;

/** Where the upload form and the stored files are, below the application's context path. */
@ApplicationScoped
public class UploadPaths {

    /** The upload form, below the context path. */
    public static final String FORM = "/nodeim-server/upload";

    /** The stored files, each at this path followed by its id. */
    public static final String FILES = "/nodeim-server/files/";

    private volatile String contextPath = "";

    /** Learns the context path (empty when served at the root) once the application is up. */
    void started(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        contextPath = context.getContextPath();
    }

    /** The path of the upload form for a user and a ticket. */
    public String form(long userId, String ticket) {
        return contextPath + FORM + "?user=" + userId + "&ticket=" + ticket;
    }

    /** The path a stored file is served at. */
    public String file(String id) {
        return contextPath + FILES + id;
    }
}

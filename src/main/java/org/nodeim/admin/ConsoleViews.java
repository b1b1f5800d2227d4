package org.nodeim.admin;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Small helpers the backing beans share: page messages that survive a redirect, dates. */
final class ConsoleViews {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ConsoleViews() {
    }

    static void info(String text) {
        message(FacesMessage.SEVERITY_INFO, text);
    }

    static void error(String text) {
        message(FacesMessage.SEVERITY_ERROR, text);
    }

    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(severity, text, null));
        faces.getExternalContext().getFlash().setKeepMessages(true);
    }

    /** The outcome that redirects to a console view (Post/Redirect/Get), e.g. {@code redirect("users")}. */
    static String redirect(String view) {
        return view + (view.contains("?") ? "&" : "?") + "faces-redirect=true";
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(ZoneId.systemDefault()));
    }
}

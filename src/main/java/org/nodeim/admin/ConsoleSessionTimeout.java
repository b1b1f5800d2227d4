package org.nodeim.admin;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long a console session may stay idle ({@code nodeim.admin.session-minutes}): the only
 * HTTP sessions of the application are the console's, so it is the application's session
 * timeout.
 */
@WebListener
public class ConsoleSessionTimeout implements ServletContextListener {

    @Inject
    @ConfigProperty(name = "nodeim.admin.session-minutes", defaultValue = "15")
    int minutes;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        event.getServletContext().setSessionTimeout(Math.max(1, minutes));
    }
}

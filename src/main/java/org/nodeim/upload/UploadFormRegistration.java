package org.nodeim.upload;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import org.nodeim.metrics.Meters;
import org.nodeim.session.SessionRegistry;

/**
 * Makes and registers the upload form's servlet (injected here: a servlet added as an instance
 * gets no injection of its own) with the container's multipart support, its limits
 * taken from the configuration (an annotation could only hold constants): files of at most
 * {@link UploadSettings#maxFileSize}, requests of at most {@link UploadFormServlet#maxRequestSize},
 * every part written to {@code .incoming/} of the store as it arrives, none kept in memory.
 */
@WebListener
public class UploadFormRegistration implements ServletContextListener {

    @Inject
    UploadSettings settings;

    @Inject
    FileStore store;

    @EJB
    UploadService uploads;

    @Inject
    SessionRegistry registry;

    @Inject
    UploadPaths paths;

    @Inject
    Meters metrics;

    @Inject
    IncomingUploads incoming;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletRegistration.Dynamic form = event.getServletContext().addServlet(UploadFormServlet.NAME,
                new UploadFormServlet(uploads, store, settings, registry, paths, metrics, incoming));
        form.addMapping(UploadPaths.FORM);
        form.setMultipartConfig(new MultipartConfigElement(store.incomingDirectory().toString(), settings.maxFileSize(),
                UploadFormServlet.maxRequestSize(settings), 0));
    }
}

package org.nodeim.chat;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Stops the {@link MessageJournal} while the {@link MessageStore} it writes through still
 * runs. The journal is an application-scoped bean, destroyed after the application's EJBs have
 * stopped where the server stops those first (WildFly): its last write (room read positions and
 * device receipts of the last second, pending rows of messages waiting in memory, the
 * checkpoint) would find the store gone. The web application stops before the EJBs of its
 * module on both servers, so its end is where the journal stops; the journal's own
 * {@code @PreDestroy} then finds nothing more to do.
 */
@WebListener
public class MessageJournalCloser implements ServletContextListener {

    @Inject
    MessageJournal journal;

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        journal.stop();
    }
}

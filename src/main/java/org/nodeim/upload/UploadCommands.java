package org.nodeim.upload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.nodeim.command.Command;
import org.nodeim.command.CommandHandler;
import org.nodeim.command.Reply;

/** The {@code upload} command: a ticketed link to the upload form of the caller. */
@ApplicationScoped
public class UploadCommands {

    @Inject
    UploadService uploads;

    @Inject
    UploadPaths paths;

    @Produces
    @Command("upload")
    CommandHandler upload() {
        return (caller, data) -> {
            long userId = caller.userId().orElseThrow();
            String ticket = uploads.issueTicket(userId);
            return Reply.ok().with("url", paths.form(userId, ticket));
        };
    }
}

package org.nodeim.upload;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.nodeim.command.Arguments;
import org.nodeim.command.Command;
import org.nodeim.command.CommandHandler;
import org.nodeim.command.Reply;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/**
 * The {@code upload} command, a ticketed link to the upload form of the caller, and
 * {@code upload.delete}, which deletes one of the caller's files by its URL.
 */
@ApplicationScoped
public class UploadCommands {

    @EJB
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

    /** {@code upload.delete {url}}: 400 without a URL; 404 for a file that is not the caller's (or no file). */
    @Produces
    @Command("upload.delete")
    CommandHandler delete() {
        return (caller, data) -> {
            long userId = caller.userId().orElseThrow();
            String url = Arguments.text(data, "url").orElseThrow(() -> new Refused(Reason.INVALID, "url required"));
            String id = url.substring(url.lastIndexOf('/') + 1);
            if (uploads.delete(userId, id).isEmpty()) {
                throw new Refused(Reason.NOT_FOUND, "unknown file");
            }
            return Reply.ok();
        };
    }
}

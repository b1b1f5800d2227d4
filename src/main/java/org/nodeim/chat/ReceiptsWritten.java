package org.nodeim.chat;

import java.util.List;

/** Device positions the {@link MessageJournal} has just committed, each one further than before. */
record ReceiptsWritten(List<MessageStore.Received> received) {
}

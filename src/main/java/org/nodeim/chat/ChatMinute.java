package org.nodeim.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * How many chat messages (direct and room, not notifications) were stored in one minute: kept
 * by the {@link MessageJournal} with each commit, so that counting messages by time needs no
 * index on the messages themselves.
 */
@Entity
@Table(name = "NODEIM_CHAT_MINUTE")
@NamedQuery(name = ChatMinute.SINCE, query = "SELECT c FROM ChatMinute c WHERE c.minute >= :minute ORDER BY c.minute")
public class ChatMinute {

    public static final String SINCE = "ChatMinute.since";

    /** Milliseconds in a minute. */
    public static final long MILLIS = 60_000;

    /** Minutes since the epoch. */
    @Id
    @Column(name = "EPOCH_MINUTE")
    private long minute;

    @Column(name = "MESSAGES", nullable = false)
    private long messages;

    protected ChatMinute() {
    }

    public ChatMinute(long minute, long messages) {
        this.minute = minute;
        this.messages = messages;
    }

    public long minute() {
        return minute;
    }

    public long messages() {
        return messages;
    }
}

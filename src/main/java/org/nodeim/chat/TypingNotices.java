package org.nodeim.chat;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often typing notices go out: at most one per sender and conversation every
 * {@value #INTERVAL_MILLIS} ms, the others dropped (a client sends one per keystroke or so; each
 * notice tells the others to show "typing" for {@value #SHOWN_MILLIS} ms). Nothing is stored.
 */
@ApplicationScoped
public class TypingNotices {

    /** The least time between two notices of one sender in one conversation. */
    static final long INTERVAL_MILLIS = 2_000;

    /** How long a receiving client shows a notice unless another one comes: its {@code expires} field. */
    static final long SHOWN_MILLIS = 5_000;

    /** Entries kept before old ones are swept. */
    private static final int SWEEP_ABOVE = 10_000;

    /** "sender:conversation" to the time its last notice went out. */
    private final Map<String, Long> lastSent = new ConcurrentHashMap<>();

    /**
     * Whether a notice of this sender in this conversation goes out now.
     *
     * @param conversation {@code u<id>} or {@code r<id>}
     */
    boolean admit(long sender, String conversation, long now) {
        if (lastSent.size() > SWEEP_ABOVE) {
            lastSent.values().removeIf(sent -> now - sent >= INTERVAL_MILLIS);
        }
        boolean[] admitted = {false};
        lastSent.compute(sender + ":" + conversation, (key, sent) -> {
            if (sent == null || now - sent >= INTERVAL_MILLIS) {
                admitted[0] = true;
                return now;
            }
            return sent;
        });
        return admitted[0];
    }
}

package org.nodeim.chat;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sequencing.Sequence;
import org.eclipse.persistence.sessions.Session;

/**
 * Message ids in a cluster: one at a time from the database sequence, not in blocks. A node
 * alone takes a block of {@value Message#ID_BLOCK} ids at once (one sequence read per block);
 * in a cluster each node would take a block of its own, and a message stored on one node could
 * have a lower id than an earlier one stored on another, so history (in id order) and the room
 * backlog (the messages after a member's position) would mix them up or leave one out. Taken
 * one by one, ids follow the order the nodes store messages in. The sequence still steps by
 * the block, so ids taken either way never meet. EclipseLink reads this class from
 * {@code persistence.xml}; another JPA provider ignores it.
 */
public class MessageIdsInACluster implements SessionCustomizer {

    static final String SEQUENCE = "NODEIM_MESSAGE_IDS";

    @Override
    public void customize(Session session) {
        boolean clustered = ConfigProvider.getConfig().getOptionalValue("nodeim.cluster", String.class)
                .map(mode -> !mode.strip().equals("none"))
                .orElse(false);
        if (clustered) {
            Sequence sequence = session.getLogin().getSequence(SEQUENCE);
            if (sequence == null) {
                throw new IllegalStateException("no sequence " + SEQUENCE + " to take message ids from");
            }
            sequence.setPreallocationSize(1);
        }
    }
}

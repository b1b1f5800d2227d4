package org.nodeim.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How far the waiting deliveries are written down. The {@link MessageJournal} stores a chat
 * message without a {@link PendingDelivery}: most messages reach their recipient within
 * moments, and then none is ever written. It writes one for a message still undelivered after
 * a while, and then moves this checkpoint: every direct message up to {@code recordedUpTo} has
 * its pending row if it is undelivered. After a crash, every direct message above the
 * checkpoint is taken as undelivered (some may be delivered a second time; none is lost).
 */
@Entity
@Table(name = "NODEIM_DELIVERY_CHECKPOINT")
public class DeliveryCheckpoint {

    /** The checkpoint of this server's journal. */
    public static final String LOCAL = "local";

    @Id
    @Column(name = "NAME", length = 64)
    private String name;

    @Column(name = "RECORDED_UP_TO", nullable = false)
    private long recordedUpTo;

    protected DeliveryCheckpoint() {
    }

    public DeliveryCheckpoint(String name, long recordedUpTo) {
        this.name = name;
        this.recordedUpTo = recordedUpTo;
    }

    public long recordedUpTo() {
        return recordedUpTo;
    }
}

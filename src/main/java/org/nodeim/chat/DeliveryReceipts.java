package org.nodeim.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.nodeim.account.Blocks;
import org.nodeim.account.ConnectionDevices;
import org.nodeim.json.JsonFactory;
import org.nodeim.session.Connection;
import org.nodeim.session.SessionRegistry;

/**
 * Delivery receipts per device: when a connection proves it received a direct chat message,
 * its device's position in that conversation moves there (written by the {@link MessageJournal}
 * within a second, coalesced: one row and one event per device and conversation,
 * however many messages arrived meanwhile); once it is written, the sender's connections get
 * {@code delivered {to, device, upTo, time}}. Unless the recipient blocks the sender: a blocked
 * user learns nothing they would not learn of someone offline.
 */
@ApplicationScoped
public class DeliveryReceipts {

    static final String EVENT = "delivered";

    @Inject
    MessageJournal journal;

    @Inject
    ConnectionDevices devices;

    @Inject
    SessionRegistry registry;

    @Inject
    Blocks blocks;

    /** A connection proved it received this direct message. */
    void received(Message message, Connection connection) {
        if (!message.isChat()) {
            return;
        }
        long recipient = message.recipientId().orElseThrow();
        devices.deviceOf(connection).ifPresent(device ->
                journal.received(new DeliveredPosition.Receipt(device, recipient, message.senderId()), message.id()));
    }

    void written(@Observes ReceiptsWritten written) {
        for (MessageStore.Received received : written.received()) {
            DeliveredPosition.Receipt receipt = received.receipt();
            if (!blocks.blocks(receipt.recipientId(), receipt.senderId())) {
                registry.sendTo(receipt.senderId(), EVENT, JsonFactory.objectBuilder()
                        .add("to", receipt.recipientId())
                        .add("device", receipt.deviceId())
                        .add("upTo", received.upTo())
                        .add("time", received.time())
                        .build());
            }
        }
    }
}

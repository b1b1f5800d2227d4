package org.nodeim.chat;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nodeim.chat.MessageStore.Position;
import org.nodeim.cluster.ClusterNode;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/**
 * Group commit of chat messages and delivery records. Callers queue messages and go on; one
 * writer thread takes whatever is queued, up to a batch, and writes it in one transaction
 * ({@link MessageStore}); each message's future completes once its batch has committed, in
 * the order the messages were queued, on one completion thread. At low load a batch is one
 * message and waits for nobody; at high load batches grow and one commit serves many.
 *
 * <p>A direct message is stored without a pending row; it waits in the {@link DeliveryLedger}'s
 * memory, and only if it is still undelivered after {@code nodeim.chat.pending-record-millis}
 * does a later batch write its {@link PendingDelivery} and move the {@link DeliveryCheckpoint}.
 * Ends of waiting deliveries ride along with the next batch; room positions, which change with
 * every room message for every member, are written at most once a second or when someone
 * {@linkplain #sync waits} for them; so are device receipts ({@link DeliveredPosition}), and
 * {@link ReceiptsWritten} tells of those that moved once they are committed. Queued messages
 * are bounded: past the bound, senders wait (their connection's reading pauses), and after a
 * while get 503.
 *
 * <p>In a cluster every direct message gets its pending row as it is stored: the node that
 * stores it may not be the one that delivers it, nor the one its recipient signs in to.
 */
@ApplicationScoped
public class MessageJournal {

    private static final Logger LOG = Logger.getLogger(MessageJournal.class.getName());

    /** Items (messages and delivery records) in one transaction, at most. */
    static final int MAX_BATCH = 1000;

    /** Conversations known to be stored, at most; past that, the set starts again. */
    private static final int KNOWN_CONVERSATIONS = 1_000_000;
    private static final long IDLE_POLL_MILLIS = 200;

    @EJB
    MessageStore store;

    @Inject
    DeliveryLedger ledger;

    @Inject
    ChatMetrics chatMetrics;

    @Inject
    ClusterNode cluster;

    @Inject
    Event<ReceiptsWritten> receiptsWritten;

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    @ConfigProperty(name = "nodeim.chat.journal-capacity", defaultValue = "20000")
    int capacity;

    @Inject
    @ConfigProperty(name = "nodeim.chat.journal-wait-seconds", defaultValue = "10")
    long waitSeconds;

    @Inject
    @ConfigProperty(name = "nodeim.chat.pending-record-millis", defaultValue = "3000")
    long recordMillis;

    @Inject
    @ConfigProperty(name = "nodeim.chat.pending-in-memory", defaultValue = "100000")
    int inMemoryAtMost;

    /**
     * How often room positions and device receipts are written, at most (the senders hear of
     * receipts then); a signin that needs them and the journal's stop write them at once.
     */
    @Inject
    @ConfigProperty(name = "nodeim.chat.positions-every-millis", defaultValue = "1000")
    long positionsEveryMillis;

    /** One item of work for the writer. */
    private sealed interface Work permits Append, Delivered, Sync {
    }

    private record Append(Message message, CompletableFuture<Message> stored) implements Work {
    }

    private record Delivered(PendingDelivery.Key key, Runnable committed) implements Work {
    }

    private record Sync(CompletableFuture<Void> done) implements Work {
    }

    private final BlockingQueue<Work> work = new LinkedBlockingQueue<>();
    private final Map<Position, Long> positions = new ConcurrentHashMap<>();
    private final Map<DeliveredPosition.Receipt, Long> receipts = new ConcurrentHashMap<>();
    private Semaphore room;
    private Thread writer;
    private ExecutorService completions;
    private volatile boolean running;
    private long positionsEveryNanos;
    private long positionsWrittenAt = System.nanoTime();
    private long lastStoredId;
    private long checkpoint;
    /** Keys of conversations stored (writer thread only). */
    private final Set<String> knownConversations = new HashSet<>();

    @PostConstruct
    void start() {
        checkpoint = store.recover();
        lastStoredId = checkpoint;
        room = new Semaphore(capacity);
        positionsEveryNanos = TimeUnit.MILLISECONDS.toNanos(positionsEveryMillis);
        running = true;
        completions = Executors.newSingleThreadExecutor(threadFactory);
        writer = threadFactory.newThread(this::writeUntilStopped);
        writer.setName("nodeim-message-journal");
        writer.start();
    }

    /** Whether the writer thread is at work: stored messages get committed. */
    public boolean isWriting() {
        return running && writer.isAlive();
    }

    /**
     * Starts with the application, not at first use: what the last run left undelivered must
     * wait in the database before the first signin reads it.
     */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // observing is enough: the bean is created, and started, to receive the event
    }

    /**
     * Writes what is queued, and the pending rows of every message still waiting in memory;
     * called as the web application stops ({@link MessageJournalCloser}), and again, to no effect,
     * as this bean is destroyed.
     */
    @PreDestroy
    void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        completions.shutdown();
        LOG.info(writer.isAlive() ? "message journal stopped; its writer is still at work"
                : "message journal stopped; what it held is written");
    }

    /**
     * Queues a message; the stage completes with it, its id assigned, once it is committed,
     * or fails with the reason it could not be stored.
     *
     * @throws Refused 503 if the journal stayed full for the configured wait
     */
    public CompletionStage<Message> append(Message message) {
        try {
            if (!room.tryAcquire() && !room.tryAcquire(waitSeconds, TimeUnit.SECONDS)) {
                throw new Refused(Reason.BUSY, "server busy, try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(Reason.BUSY, "server busy, try again");
        }
        var stored = new CompletableFuture<Message>();
        work.add(new Append(message, stored));
        return stored;
    }

    /** Ends a written-down waiting delivery with the next batch; {@code committed} runs once it is. */
    void delivered(PendingDelivery.Key key, Runnable committed) {
        work.add(new Delivered(key, committed));
    }

    /** Records that a room message reached a member (written within a second). */
    public void advance(long userId, long roomId, long messageId) {
        positions.merge(new Position(userId, roomId), messageId, Math::max);
    }

    /**
     * Records that a device received a direct message (written within a second;
     * then {@link ReceiptsWritten} tells of it).
     */
    void received(DeliveredPosition.Receipt receipt, long messageId) {
        receipts.merge(receipt, messageId, Math::max);
    }

    /** Completes once everything queued or recorded before this call is committed. */
    public CompletableFuture<Void> sync() {
        var done = new CompletableFuture<Void>();
        work.add(new Sync(done));
        return done;
    }

    private void writeUntilStopped() {
        while (running || !work.isEmpty()) {
            try {
                writeOnce(!running);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "message journal", e);
            }
        }
        try {
            writeOnce(true);
        } catch (InterruptedException | RuntimeException e) {
            LOG.log(Level.WARNING, "message journal: the last deliveries could not be written at stop;"
                    + " messages sent since the last checkpoint will be delivered again", e);
        }
    }

    /** One group commit; {@code final} writes every message still waiting in memory. */
    private void writeOnce(boolean last) throws InterruptedException {
        var batch = new ArrayList<Work>();
        Work first = last ? work.poll() : work.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first != null) {
            batch.add(first);
            work.drainTo(batch, MAX_BATCH - 1);
        }
        var appends = new ArrayList<Append>();
        var delivered = new ArrayList<Delivered>();
        var syncs = new ArrayList<Sync>();
        for (Work item : batch) {
            if (item instanceof Append append) {
                appends.add(append);
            } else if (item instanceof Delivered done) {
                delivered.add(done);
            } else if (item instanceof Sync sync) {
                syncs.add(sync);
            }
        }
        long now = System.nanoTime();
        List<Message> undelivered = last
                ? ledger.dueForRecording(now + 1, 0)
                : ledger.dueForRecording(now - TimeUnit.MILLISECONDS.toNanos(recordMillis), inMemoryAtMost);
        long recordedUpTo = ledger.oldestUnrecorded().orElse(lastStoredId + 1) - 1;
        OptionalLong newCheckpoint = recordedUpTo > checkpoint ? OptionalLong.of(recordedUpTo) : OptionalLong.empty();
        boolean positionsDue = (!positions.isEmpty() || !receipts.isEmpty())
                && (last || !syncs.isEmpty() || now - positionsWrittenAt >= positionsEveryNanos);
        Map<Position, Long> advanced = Map.of();
        Map<DeliveredPosition.Receipt, Long> received = Map.of();
        if (positionsDue) {
            advanced = takeAll(positions);
            received = takeAll(receipts);
            positionsWrittenAt = now;
        }
        List<Message> messages = appends.stream().map(Append::message).toList();
        Collection<Conversation> conversations = newConversations(messages);
        var writing = new MessageStore.Batch(messages, conversations, delivered.stream().map(Delivered::key).toList(),
                undelivered, newCheckpoint, advanced, received, cluster.isClustered());
        if (writing.isEmpty()) {
            syncs.forEach(sync -> sync.done().complete(null));
            return;
        }
        List<MessageStore.Received> moved;
        try {
            moved = writeRetryingOnce(writing);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a group commit of " + messages.size() + " messages failed; storing them one by one", e);
            ledger.notRecorded(undelivered);
            advanced.forEach((position, messageId) -> positions.merge(position, messageId, Math::max));
            received.forEach((receipt, messageId) -> receipts.merge(receipt, messageId, Math::max));
            writeSeparately(appends, syncs);
            work.addAll(delivered);
            Thread.sleep(IDLE_POLL_MILLIS);
            return;
        }
        newCheckpoint.ifPresent(upTo -> checkpoint = upTo);
        chatMetrics.committed(messages.size(), batch.size());
        remember(conversations);
        ledger.recorded(undelivered);
        afterCommit(appends, now);
        completions.execute(() -> {
            appends.forEach(append -> append.stored().complete(append.message()));
            delivered.forEach(done -> done.committed().run());
            syncs.forEach(sync -> sync.done().complete(null));
            if (!moved.isEmpty()) {
                receiptsWritten.fire(new ReceiptsWritten(moved));
            }
        });
    }

    /** Stored messages: the direct ones wait in memory from now on (in the database already, in a cluster). */
    private void afterCommit(List<Append> stored, long now) {
        room.release(stored.size());
        var direct = new ArrayList<Message>(stored.size());
        for (Append append : stored) {
            Message message = append.message();
            lastStoredId = Math.max(lastStoredId, message.id());
            if (message.recipientId().isPresent()) {
                direct.add(message);
            }
        }
        if (!cluster.isClustered()) {
            ledger.stored(direct, now);
        }
    }

    /**
     * Writes a batch, and once more if that fails: in a cluster, another node may have inserted
     * a row this batch inserts too (a new conversation, a new minute's count) and committed
     * first; the second time this batch finds that row and updates it, or leaves it.
     */
    private List<MessageStore.Received> writeRetryingOnce(MessageStore.Batch writing) {
        try {
            return store.write(writing);
        } catch (RuntimeException first) {
            if (!cluster.isClustered()) {
                throw first;
            }
            LOG.log(Level.FINE, "a write failed, perhaps beside another node's; once more", first);
            return store.write(writing);
        }
    }

    /**
     * After a failed group commit: each message in its own transaction, so that one that
     * cannot be stored fails alone.
     */
    private void writeSeparately(List<Append> appends, List<Sync> syncs) {
        var outcomes = new ArrayList<Runnable>();
        for (Append append : appends) {
            try {
                Collection<Conversation> conversations = newConversations(List.of(append.message()));
                writeRetryingOnce(new MessageStore.Batch(List.of(append.message()), conversations, List.of(), List.of(),
                        OptionalLong.empty(), Map.of(), Map.of(), cluster.isClustered()));
                remember(conversations);
                afterCommit(List.of(append), System.nanoTime());
                outcomes.add(() -> append.stored().complete(append.message()));
            } catch (RuntimeException e) {
                room.release();
                outcomes.add(() -> append.stored().completeExceptionally(e));
            }
        }
        completions.execute(() -> {
            outcomes.forEach(Runnable::run);
            syncs.forEach(sync -> sync.done().complete(null));
        });
    }

    /** The conversations of these direct messages not known to be stored, by key. */
    private Collection<Conversation> newConversations(List<Message> messages) {
        var found = new HashMap<String, Conversation>();
        for (Message message : messages) {
            if (message.recipientId().isPresent()) {
                Conversation conversation = Conversation.of(message);
                if (!knownConversations.contains(conversation.key())) {
                    found.putIfAbsent(conversation.key(), conversation);
                }
            }
        }
        return found.values();
    }

    private void remember(Collection<Conversation> stored) {
        if (knownConversations.size() + stored.size() > KNOWN_CONVERSATIONS) {
            knownConversations.clear();
        }
        stored.forEach(conversation -> knownConversations.add(conversation.key()));
    }

    /** Takes every entry out of a map that others go on adding to; those added meanwhile stay for the next time. */
    private static <K> Map<K, Long> takeAll(Map<K, Long> from) {
        var taken = new HashMap<K, Long>();
        for (K key : List.copyOf(from.keySet())) {
            Long messageId = from.remove(key);
            if (messageId != null) {
                taken.put(key, messageId);
            }
        }
        return taken;
    }
}

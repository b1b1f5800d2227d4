package org.nodeim.presence;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nodeim.contact.ContactService;
import org.nodeim.contact.FriendshipChanged;
import org.nodeim.json.JsonFactory;

/**
 * Users' presence strings, and the {@code presence} events that tell their online friends:
 * {@code online} when a user comes online, whatever they set while online, {@code offline}
 * when their last connection goes. The friends of a user who comes online are read then and
 * kept until they go offline (or a friendship of theirs changes), so that going offline reads
 * nothing.
 */
@ApplicationScoped
public class PresenceService {

    static final String EVENT = "presence";

    @Inject
    SessionRegistry registry;

    @Inject
    ContactService contacts;

    @Inject
    @ConfigProperty(name = "nodeim.presence.online", defaultValue = "online")
    String online;

    @Inject
    @ConfigProperty(name = "nodeim.presence.offline", defaultValue = "offline")
    String offline;

    private final Map<Long, String> presences = new ConcurrentHashMap<>();

    /** The friends of online users; guarded by itself together with {@link #friendshipChanges}. */
    private final Map<Long, List<Long>> friendsOfOnline = new ConcurrentHashMap<>();
    private long friendshipChanges;

    /** A user's presence as friends see it. */
    public String presenceOf(long user) {
        return registry.isOnline(user) ? presences.getOrDefault(user, online) : offline;
    }

    /** Sets a user's presence and tells their online friends. */
    public void change(long user, String presence) {
        presences.put(user, presence);
        tellFriends(user, presence);
    }

    void onSignedIn(@Observes @Priority(SignedIn.PRESENCE) SignedIn signedIn) {
        if (signedIn.firstConnection()) {
            long user = signedIn.userId();
            long changesBefore;
            synchronized (friendsOfOnline) {
                changesBefore = friendshipChanges;
            }
            List<Long> friends = contacts.friendIds(user);
            synchronized (friendsOfOnline) {
                if (friendshipChanges == changesBefore && registry.isOnline(user)) {
                    friendsOfOnline.put(user, friends);
                }
            }
            presences.put(user, online);
            tell(friends, user, online);
        }
    }

    void onWentOffline(@Observes UserWentOffline wentOffline) {
        long user = wentOffline.userId();
        presences.remove(user);
        List<Long> friends;
        synchronized (friendsOfOnline) {
            friends = friendsOfOnline.remove(user);
        }
        tell(friends != null ? friends : contacts.friendIds(user), user, offline);
    }

    /** A friendship changed: the friends kept for either user are read again when next needed. */
    void onFriendshipChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) FriendshipChanged changed) {
        synchronized (friendsOfOnline) {
            friendshipChanges++;
            friendsOfOnline.remove(changed.user());
            friendsOfOnline.remove(changed.friend());
        }
    }

    private void tellFriends(long user, String presence) {
        List<Long> friends = friendsOfOnline.get(user);
        tell(friends != null ? friends : contacts.friendIds(user), user, presence);
    }

    private void tell(List<Long> friends, long user, String presence) {
        var event = JsonFactory.objectBuilder().add("id", user).add("presence", presence).build();
        for (long friend : friends) {
            registry.sendTo(friend, EVENT, event);
        }
    }
}

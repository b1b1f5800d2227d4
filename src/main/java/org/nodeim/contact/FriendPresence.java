package org.nodeim.contact;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nodeim.account.Blocks;
import org.nodeim.cluster.ClusterNode;
import org.nodeim.cluster.ClusterNotice;
import org.nodeim.json.JsonFactory;
import org.nodeim.presence.PresenceChanged;
import org.nodeim.presence.Presences;
import org.nodeim.session.SessionRegistry;
import org.nodeim.session.SignedIn;
import org.nodeim.session.UserWentOffline;

/**
 * The {@code presence} events that tell a user's online friends: {@code online} when the user
 * comes online, whatever they set while online, {@code offline} when their last connection
 * goes. The friends of a user who comes online are read then and kept until they go offline
 * (or a friendship of theirs changes), so that going offline reads nothing.
 */
@ApplicationScoped
public class FriendPresence {

    static final String EVENT = "presence";

    /** What other nodes of a cluster hear when a user's friendships change. */
    static final String FRIENDS_NOTICE = "contact.friends";

    @Inject
    SessionRegistry registry;

    @EJB
    ContactService contacts;

    @Inject
    Presences presences;

    @Inject
    ClusterNode cluster;

    @Inject
    Blocks blocks;

    /** The friends of online users; guarded by itself together with {@link #friendshipChanges}. */
    private final Map<Long, List<Long>> friendsOfOnline = new ConcurrentHashMap<>();
    private long friendshipChanges;

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
            tell(friends, user, presences.cameOnline(user));
        }
    }

    void onPresenceChanged(@Observes PresenceChanged changed) {
        long user = changed.userId();
        List<Long> friends = friendsOfOnline.get(user);
        tell(friends != null ? friends : contacts.friendIds(user), user, changed.presence());
    }

    void onWentOffline(@Observes UserWentOffline wentOffline) {
        long user = wentOffline.userId();
        String offline = presences.wentOffline(user);
        List<Long> friends;
        synchronized (friendsOfOnline) {
            friends = friendsOfOnline.remove(user);
        }
        tell(friends != null ? friends : contacts.friendIds(user), user, offline);
    }

    /** A friendship changed: the friends kept for either user are read again when next needed. */
    void onFriendshipChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) FriendshipChanged changed) {
        forgetFriendsOf(changed.user());
        forgetFriendsOf(changed.friend());
        cluster.notice(FRIENDS_NOTICE, changed.user());
        cluster.notice(FRIENDS_NOTICE, changed.friend());
    }

    /** Another node changed a friendship of this user. */
    void noticed(@Observes ClusterNotice notice) {
        if (notice.is(FRIENDS_NOTICE)) {
            forgetFriendsOf(notice.id());
        }
    }

    private void forgetFriendsOf(long user) {
        synchronized (friendsOfOnline) {
            friendshipChanges++;
            friendsOfOnline.remove(user);
        }
    }

    private void tell(List<Long> friends, long user, String presence) {
        var event = JsonFactory.objectBuilder().add("id", user).add("presence", presence).build();
        Set<Long> blockers = blocks.blockersOf(user);
        for (long friend : friends) {
            if (!blockers.contains(friend)) {
                registry.sendTo(friend, EVENT, event);
            }
        }
    }
}

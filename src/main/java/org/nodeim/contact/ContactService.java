package org.nodeim.contact;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Optional;
import org.nodeim.account.AccountService;
import org.nodeim.account.UserDeleted;
import org.nodeim.chat.ChatService;
import org.nodeim.chat.Message;
import org.nodeim.chat.MessageType;
import org.nodeim.database.Database;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/**
 * Friend requests, friendships and groups. Every request and answer also leaves a
 * notification for the other user, returned to the caller for delivery after commit.
 */
@Stateless
public class ContactService {

    @PersistenceContext
    EntityManager em;

    @EJB
    AccountService accounts;

    @EJB
    ChatService chat;

    @Inject
    Event<FriendshipChanged> friendshipChanged;

    /**
     * Asks {@code target} to become friends.
     *
     * @return the {@code request-subscription} notification to deliver
     * @throws Refused 403 asking oneself, 404 unknown user, 306 already asked or already friends
     */
    public Message subscribe(long requester, long target, String text) {
        if (requester == target) {
            throw new Refused(Reason.FORBIDDEN, "you cannot ask yourself");
        }
        accounts.find(target).orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown user"));
        if (friendship(requester, target).isPresent()) {
            throw new Refused(Reason.REPEATED, "already friends");
        }
        if (request(requester, target).isPresent()) {
            throw new Refused(Reason.REPEATED, "request already sent");
        }
        try {
            em.persist(new FriendRequest(requester, target));
            em.flush();
        } catch (PersistenceException e) {
            if (Database.isConstraintViolation(e)) {
                throw new Refused(Reason.REPEATED, "request already sent");
            }
            throw e;
        }
        return chat.notify(requester, target, MessageType.REQUEST_SUBSCRIPTION, text);
    }

    /**
     * Answers the pending request of {@code requester}: accepting makes both friends.
     *
     * @return the {@code agree} or {@code refuse} notification to deliver
     * @throws Refused 404 no pending request
     */
    public Message reply(long answerer, long requester, String text, boolean refuse) {
        FriendRequest request = request(requester, answerer)
                .orElseThrow(() -> new Refused(Reason.NOT_FOUND, "no pending request from this user"));
        em.remove(request);
        if (refuse) {
            return chat.notify(answerer, requester, MessageType.REFUSE, text);
        }
        request(answerer, requester).ifPresent(em::remove);
        if (friendship(answerer, requester).isEmpty()) {
            em.persist(new Friendship(answerer, requester));
        }
        if (friendship(requester, answerer).isEmpty()) {
            em.persist(new Friendship(requester, answerer));
        }
        friendshipChanged.fire(new FriendshipChanged(answerer, requester));
        return chat.notify(answerer, requester, MessageType.AGREE, text);
    }

    /** Ends a friendship on both sides; nothing happens if there is none. */
    public void unsubscribe(long user, long friend) {
        em.createNamedQuery(Friendship.DELETE_PAIR).setParameter("a", user).setParameter("b", friend).executeUpdate();
        friendshipChanged.fire(new FriendshipChanged(user, friend));
    }

    /** The user's friendships, or the one with {@code friend}. */
    public List<Friendship> friendships(long owner, Optional<Long> friend) {
        if (friend.isPresent()) {
            return friendship(owner, friend.get()).map(List::of).orElse(List.of());
        }
        return em.createNamedQuery(Friendship.OF_OWNER, Friendship.class).setParameter("owner", owner).getResultList();
    }

    /** The requests waiting for this user's answer, oldest first. */
    public List<FriendRequest> requestsTo(long target) {
        return em.createNamedQuery(FriendRequest.TO_TARGET, FriendRequest.class).setParameter("target", target).getResultList();
    }

    public List<Long> friendIds(long owner) {
        return friendships(owner, Optional.empty()).stream().map(Friendship::friendId).toList();
    }

    /**
     * Files a friend under a group, for the owner only.
     *
     * @throws Refused 404 not a friend
     */
    public void group(long owner, long friend, String group) {
        friendship(owner, friend).orElseThrow(() -> new Refused(Reason.NOT_FOUND, "not a friend")).moveToGroup(group);
    }

    /** A deleted user's friendships (both sides) and friend requests (both ways) go with them. */
    public void forget(@Observes UserDeleted deleted) {
        em.createNamedQuery(Friendship.DELETE_OF_USER).setParameter("user", deleted.userId()).executeUpdate();
        em.createNamedQuery(FriendRequest.DELETE_OF_USER).setParameter("user", deleted.userId()).executeUpdate();
    }

    private Optional<Friendship> friendship(long owner, long friend) {
        return em.createNamedQuery(Friendship.BETWEEN, Friendship.class)
                .setParameter("owner", owner).setParameter("friend", friend)
                .getResultStream().findFirst();
    }

    private Optional<FriendRequest> request(long requester, long target) {
        return em.createNamedQuery(FriendRequest.BETWEEN, FriendRequest.class)
                .setParameter("requester", requester).setParameter("target", target)
                .getResultStream().findFirst();
    }
}

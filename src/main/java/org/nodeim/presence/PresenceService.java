package org.nodeim.presence;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nodeim.contact.ContactService;
import org.nodeim.json.JsonFactory;

/**
 * Users' presence strings, and the {@code presence} events that tell their online friends:
 * {@code online} when a user comes online, whatever they set while online, {@code offline}
 * when their last connection goes.
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
            change(signedIn.userId(), online);
        }
    }

    void onWentOffline(@Observes UserWentOffline wentOffline) {
        presences.remove(wentOffline.userId());
        tellFriends(wentOffline.userId(), offline);
    }

    private void tellFriends(long user, String presence) {
        var event = JsonFactory.objectBuilder().add("id", user).add("presence", presence).build();
        for (long friend : contacts.friendIds(user)) {
            registry.sendTo(friend, EVENT, event);
        }
    }
}

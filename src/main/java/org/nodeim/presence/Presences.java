package org.nodeim.presence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nodeim.session.SessionRegistry;

/**
 * Users' presence strings as others see them: {@code online} when a user comes online,
 * whatever they set while online, {@code offline} once their last connection is gone.
 */
@ApplicationScoped
public class Presences {

    @Inject
    SessionRegistry registry;

    @Inject
    Event<PresenceChanged> presenceChanged;

    @Inject
    @ConfigProperty(name = "nodeim.presence.online", defaultValue = "online")
    String online;

    @Inject
    @ConfigProperty(name = "nodeim.presence.offline", defaultValue = "offline")
    String offline;

    private final Map<Long, String> presences = new ConcurrentHashMap<>();

    /** A user's presence as others see it. */
    public String presenceOf(long user) {
        return registry.isOnline(user) ? presences.getOrDefault(user, online) : offline;
    }

    /** Sets the presence an online user chose, and fires {@link PresenceChanged}. */
    public void change(long user, String presence) {
        presences.put(user, presence);
        presenceChanged.fire(new PresenceChanged(user, presence));
    }

    /** A user came online: their presence is {@code online} again; returns it. */
    public String cameOnline(long user) {
        presences.put(user, online);
        return online;
    }

    /** A user went offline: what they set is forgotten; returns the {@code offline} presence. */
    public String wentOffline(long user) {
        presences.remove(user);
        return offline;
    }
}

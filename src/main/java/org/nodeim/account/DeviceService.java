package org.nodeim.account;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The devices of users and their resume tokens: a password signin gives its device a token;
 * the token signs the user in again without the password until it is revoked or stays unused
 * for the configured time ({@code nodeim.token.idle-expiry}, ISO-8601, 30 days by default).
 */
@Stateless
public class DeviceService {

    /** Devices one user keeps at most; a signin past that forgets the least recently used. */
    static final int MAX_DEVICES_PER_USER = 100;

    /**
     * How precisely the last use of a token is kept: a device reconnecting often writes once a
     * minute (or a tenth of the idle expiry, if that is shorter).
     */
    static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "nodeim.token.idle-expiry", defaultValue = "P30D")
    Duration idleExpiry;

    /** A user signed in by a token, and the device the token belongs to. */
    public record Resumed(User user, long deviceId) {
    }

    /** A token issued to a new device of the user. */
    public record Issued(String token, long deviceId) {
    }

    /** Registers a new device of the user and gives it a token; only the token's hash is kept. */
    public Issued issue(long userId, String address) {
        // the user's devices are read before anything is written, so that this transaction
        // holds no lock while it scans past the uncommitted devices of others
        devicesOf(userId).stream().skip(MAX_DEVICES_PER_USER - 1).forEach(em::remove);
        String token = ResumeToken.generate();
        var device = new Device(userId, ResumeToken.hash(token), Instant.now(), address);
        em.persist(device);
        em.flush();
        return new Issued(token, device.id());
    }

    /**
     * The user a token signs in, and its device, which is marked as used now; empty for a
     * token that is unknown, revoked, idle too long, or of a disabled account.
     */
    public Optional<Resumed> resume(String token, String address) {
        if (!ResumeToken.isWellFormed(token)) {
            return Optional.empty();
        }
        Optional<Object[]> found = em.createNamedQuery(Device.WITH_USER_BY_TOKEN, Object[].class)
                .setParameter("hash", ResumeToken.hash(token)).getResultStream().findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Device device = (Device) found.get()[0];
        User user = (User) found.get()[1];
        Instant now = Instant.now();
        if (device.lastUsedAt().plus(idleExpiry).isBefore(now) || user.isDisabled()) {
            em.remove(device);
            return Optional.empty();
        }
        if (device.lastUsedAt().isBefore(now.minus(lastUsePrecision())) || !device.lastAddress().equals(address)) {
            device.used(now, address);
        }
        return Optional.of(new Resumed(user, device.id()));
    }

    private Duration lastUsePrecision() {
        Duration tenth = idleExpiry.dividedBy(10);
        return tenth.compareTo(LAST_USE_PRECISION) < 0 ? tenth : LAST_USE_PRECISION;
    }

    /** The user's devices, the most recently used first. */
    public List<Device> devicesOf(long userId) {
        return em.createNamedQuery(Device.OF_USER, Device.class).setParameter("user", userId).getResultList();
    }

    /** Revokes one device's token; false if the user has no such device. */
    public boolean revoke(long userId, long deviceId) {
        return em.createNamedQuery(Device.DELETE_ONE).setParameter("device", deviceId).setParameter("user", userId)
                .executeUpdate() > 0;
    }

    /** Revokes every token of the user; how many there were. */
    public int revokeAll(long userId) {
        return em.createNamedQuery(Device.DELETE_OF_USER).setParameter("user", userId).executeUpdate();
    }

    /** A deleted user's devices go with them. */
    public void forget(@Observes UserDeleted deleted) {
        revokeAll(deleted.userId());
    }

    /** Forgets, every hour, the devices whose tokens have expired. */
    @Schedule(hour = "*", minute = "7", persistent = false)
    public void forgetIdle() {
        em.createNamedQuery(Device.DELETE_IDLE).setParameter("before", Instant.now().minus(idleExpiry)).executeUpdate();
    }
}

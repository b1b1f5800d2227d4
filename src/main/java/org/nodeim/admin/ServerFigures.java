package org.nodeim.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import org.nodeim.account.AccountService;
import org.nodeim.chat.ChatService;
import org.nodeim.cluster.ClusterNode;
import org.nodeim.room.RoomService;
import org.nodeim.session.SessionRegistry;

/** The figures of the dashboard, and of the admin API's {@code figures}. */
@ApplicationScoped
public class ServerFigures {

    @EJB
    AccountService accounts;

    @EJB
    RoomService rooms;

    @EJB
    ChatService chat;

    @Inject
    SessionRegistry registry;

    @Inject
    ClusterNode cluster;

    public long users() {
        return accounts.count();
    }

    /** Users online on any node of the cluster. */
    public int onlineUsers() {
        return registry.onlineUsers().size();
    }

    /** The nodes of the cluster (1 for a server alone). */
    public int nodes() {
        return cluster.nodes();
    }

    /** Connections open on this node. */
    public int connections() {
        return registry.all().size();
    }

    public long rooms() {
        return rooms.count();
    }

    /** Chat messages (direct and room) since midnight, server time. */
    public long messagesToday() {
        ZoneId zone = ZoneId.systemDefault();
        return chat.countChatSince(LocalDate.now(zone).atStartOfDay(zone).toInstant().toEpochMilli());
    }
}

package org.nodeim.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;
import java.time.ZoneId;
import org.nodeim.account.AccountService;
import org.nodeim.chat.ChatService;
import org.nodeim.cluster.ClusterNode;
import org.nodeim.database.DatabaseBackup;
import org.nodeim.refusal.Refused;
import org.nodeim.room.RoomService;
import org.nodeim.session.SessionRegistry;

/** The dashboard: counts, messages per minute over the last hour, and the database backup. */
@Named("dashboard")
@RequestScoped
public class DashboardBacking {

    @Inject
    AccountService accounts;

    @Inject
    RoomService rooms;

    @Inject
    ChatService chat;

    @Inject
    SessionRegistry registry;

    @Inject
    ClusterNode cluster;

    @Inject
    ConsoleActions actions;

    @Inject
    CurrentAdministrator administrator;

    @Inject
    DatabaseBackup backups;

    private MessageChart chart;

    public long getUsers() {
        return accounts.count();
    }

    public int getOnlineUsers() {
        return registry.onlineUsers().size();
    }

    /** The nodes of the cluster (1 for a server alone): online users count them all, connections this one. */
    public int getNodes() {
        return cluster.nodes();
    }

    public int getConnections() {
        return registry.all().size();
    }

    public long getRooms() {
        return rooms.count();
    }

    /** Chat messages (direct and room) since midnight, server time. */
    public long getMessagesToday() {
        ZoneId zone = ZoneId.systemDefault();
        return chat.countChatSince(LocalDate.now(zone).atStartOfDay(zone).toInstant().toEpochMilli());
    }

    public MessageChart getChart() {
        if (chart == null) {
            long now = System.currentTimeMillis();
            chart = MessageChart.of(chat.chatPerMinute(MessageChart.since(now)), now, ZoneId.systemDefault());
        }
        return chart;
    }

    /** Whether the server backs its database up itself (embedded Derby). */
    public boolean isBackupAvailable() {
        return backups.isAvailable();
    }

    public String backUp() {
        try {
            ConsoleViews.info("Backup written to " + actions.backUpDatabase(administrator.get()));
            return ConsoleViews.redirect("index");
        } catch (Refused failure) {
            ConsoleViews.error(failure.getMessage());
            return null;
        }
    }

    public int getChartWidth() {
        return MessageChart.WIDTH;
    }

    public int getChartHeight() {
        return MessageChart.HEIGHT;
    }
}

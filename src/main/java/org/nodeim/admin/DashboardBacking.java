package org.nodeim.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.ZoneId;
import org.nodeim.chat.ChatService;
import org.nodeim.database.DatabaseBackup;
import org.nodeim.refusal.Refused;

/** The dashboard: counts, messages per minute over the last hour, and the database backup. */
@Named("dashboard")
@RequestScoped
public class DashboardBacking {

    @Inject
    ServerFigures figures;

    @EJB
    ChatService chat;

    @Inject
    ConsoleActions actions;

    @Inject
    CurrentAdministrator administrator;

    @EJB
    DatabaseBackup backups;

    private MessageChart chart;

    public long getUsers() {
        return figures.users();
    }

    public int getOnlineUsers() {
        return figures.onlineUsers();
    }

    /** The nodes of the cluster (1 for a server alone): online users count them all, connections this one. */
    public int getNodes() {
        return figures.nodes();
    }

    public int getConnections() {
        return figures.connections();
    }

    public long getRooms() {
        return figures.rooms();
    }

    public long getMessagesToday() {
        return figures.messagesToday();
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

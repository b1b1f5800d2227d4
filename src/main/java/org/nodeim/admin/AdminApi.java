package org.nodeim.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The REST admin API, for provisioning: users, rooms, broadcast and the dashboard's figures,
 * as JSON under {@code /api/admin/}. Every call needs an API token made in the console
 * ({@link ApiTokenFilter}); its OpenAPI document is the server's, at {@code /openapi}.
 */
@ApplicationPath(AdminApi.PATH)
public class AdminApi extends Application {

    public static final String PATH = "api/admin";
}

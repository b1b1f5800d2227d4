package org.nodeim.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST admin API, for provisioning: users, rooms, broadcast and the dashboard's figures,
 * as JSON under {@code /api/admin/}. Every call needs an API token made in the console
 * ({@link ApiTokenFilter}); its OpenAPI document is the server's, at {@code /openapi}.
 */
@ApplicationPath(AdminApi.PATH)
@OpenAPIDefinition(info = @Info(title = "nodeim admin API", version = "1",
        description = "Provisioning of users and rooms, broadcast and figures. Every call needs an API token made in"
                + " the console, as Authorization: Bearer TOKEN; read-only tokens may only GET."),
        security = @SecurityRequirement(name = AdminApi.TOKEN_SCHEME))
@SecurityScheme(securitySchemeName = AdminApi.TOKEN_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer")
public class AdminApi extends Application {

    public static final String PATH = "api/admin";

    static final String TOKEN_SCHEME = "token";
}

package org.nodeim.admin;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.annotation.FacesConfig;

/**
 * Jakarta Faces 4 and the console's roles. Its sign-in is {@link ConsoleAuthentication}: an
 * unauthenticated request for a page under {@code /admin/} is redirected to the login page,
 * which signs in with {@link AdminIdentityStore}.
 */
@FacesConfig
@DeclareRoles(AdminIdentityStore.ROLE)
@ApplicationScoped
public class ConsoleConfiguration {

    public static final String LOGIN_PAGE = "/admin/login.xhtml";
    public static final String HOME = "/admin/";
}

package org.nodeim.admin;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.annotation.FacesConfig;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Jakarta Faces 4 and the console's form login: an unauthenticated request for a page under
 * {@code /admin/} is redirected to the login page, which signs in with {@link AdminIdentityStore}.
 */
@FacesConfig
@CustomFormAuthenticationMechanismDefinition(loginToContinue = @LoginToContinue(
        loginPage = ConsoleConfiguration.LOGIN_PAGE, useForwardToLogin = false, errorPage = ""))
@DeclareRoles(AdminIdentityStore.ROLE)
@ApplicationScoped
public class ConsoleConfiguration {

    public static final String LOGIN_PAGE = "/admin/login.xhtml";
    public static final String HOME = "/admin/";
}

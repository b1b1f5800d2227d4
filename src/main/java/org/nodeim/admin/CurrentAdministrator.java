package org.nodeim.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/** The signed-in administrator of the current request, and their address. */
@RequestScoped
public class CurrentAdministrator {

    @Inject
    SecurityContext security;

    @Inject
    HttpServletRequest request;

    public Administrator get() {
        Principal caller = security.getCallerPrincipal();
        if (caller == null || !security.isCallerInRole(AdminIdentityStore.ROLE)) {
            throw new SecurityException("not signed in as an administrator");
        }
        return new Administrator(caller.getName(), request.getRemoteAddr());
    }
}

package org.nodeim.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.nodeim.session.ClientAddresses;

/** The signed-in administrator of the current request, and their address. */
@RequestScoped
public class CurrentAdministrator {

    @Inject
    SecurityContext security;

    @Inject
    HttpServletRequest request;

    @Inject
    ClientAddresses addresses;

    public Administrator get() {
        Principal caller = security.getCallerPrincipal();
        if (caller == null || !security.isCallerInRole(AdminIdentityStore.ROLE)) {
            throw new SecurityException("not signed in as an administrator");
        }
        return new Administrator(caller.getName(), addresses.of(request));
    }
}

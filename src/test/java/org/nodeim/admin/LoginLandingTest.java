package org.nodeim.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where signing in to the console goes on to: the page first asked for, and nowhere else. */
class LoginLandingTest {

    @Test
    void aConsolePageAskedForIsOpenedAfterSigningIn() {
        assertThat(LoginBacking.landing("/admin/users.xhtml")).isEqualTo("/admin/users.xhtml");
        assertThat(LoginBacking.landing("/admin/user.xhtml?id=12")).isEqualTo("/admin/user.xhtml?id=12");
        assertThat(LoginBacking.landing("/admin/audit.xhtml?page=2&q=chat.signin.failed"))
                .isEqualTo("/admin/audit.xhtml?page=2&q=chat.signin.failed");
    }

    @Test
    void anythingElseGoesToTheDashboard() {
        for (String page : new String[] {null, "", "https://evil.example/admin/", "//evil.example/admin/",
            "/admin/../x", "/admin/..;/index.xhtml", "/admin//users.xhtml", "/admin/users.xhtml\r\nSet-Cookie: x=1",
            "/admin\\users.xhtml", "/other/page.xhtml", "/admin/login.xhtml", "/admin/login.xhtml?next=/admin/",
            "/admin/users.xhtml?q=<script>", "/admin/" + "a".repeat(600) + ".xhtml", "/admin/Users.xhtml"}) {
            assertThat(LoginBacking.landing(page)).as(String.valueOf(page)).isEqualTo(ConsoleConfiguration.HOME);
        }
    }

    @Test
    void theLoginAddressCarriesOnlyAPageWorthGoingOnTo() {
        assertThat(LoginBacking.askingFor("/admin/user.xhtml", "id=7")).isEqualTo("?next=%2Fadmin%2Fuser.xhtml%3Fid%3D7");
        assertThat(LoginBacking.askingFor("/admin/", null)).isEmpty();
        assertThat(LoginBacking.askingFor("/admin/..;/x", null)).isEmpty();
    }
}

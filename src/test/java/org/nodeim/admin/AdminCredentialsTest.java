package org.nodeim.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdminCredentialsTest {

    @Test
    void aGeneratedPasswordIsShownInABlockOfItsOwnWithHowToChangeIt() {
        String notice = AdminCredentials.generatedPasswordNotice("admin", "s3cret-Generated");

        assertThat(notice.lines()).hasSizeGreaterThan(5);
        assertThat(notice.lines().filter(line -> line.startsWith("====="))).hasSize(2);
        assertThat(notice).contains("user:     admin").contains("password: s3cret-Generated")
                .contains("nodeim.admin.password").contains("NODEIM_ADMIN_PASSWORD").contains("/admin/");
    }
}

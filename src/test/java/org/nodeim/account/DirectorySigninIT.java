package org.nodeim.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nodeim.testing.ChatClient.json;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFException;
import java.net.InetAddress;
import java.net.URL;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.ChatClient;
import org.nodeim.testing.Console;
import org.nodeim.testing.Deployments;

/**
 * Sign-in against an enterprise directory: UnboundID's in-memory LDAP server, in this JVM on a
 * loopback port, which the server under test asks.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DirectorySigninIT {

    static final String BASE = "dc=example,dc=com";
    static final String SERVICE_DN = "cn=nodeim,ou=services," + BASE;
    static final String SERVICE_PASSWORD = "service-secret";
    static final String ADMINS_DN = "cn=nodeim-admins,ou=groups," + BASE;

    static final InMemoryDirectoryServer DIRECTORY = startDirectory();

    static InMemoryDirectoryServer startDirectory() {
        try {
            var config = new InMemoryDirectoryServerConfig(BASE);
            // a fixed port, so that the directory can be stopped and started again where the server looks for it
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), freePort(), null));
            config.setSchema(null);
            var server = new InMemoryDirectoryServer(config);
            server.add("dn: " + BASE, "objectClass: domain", "dc: example");
            server.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
            server.add("dn: ou=services," + BASE, "objectClass: organizationalUnit", "ou: services");
            server.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
            server.add("dn: " + SERVICE_DN, "objectClass: person", "cn: nodeim", "sn: service", "userPassword: " + SERVICE_PASSWORD);
            person(server, "alice", "Alice Liddell", "alice-pw");
            person(server, "opsadmin", "Ops Admin", "ops-pw");
            person(server, "eve", "Eve", "eve-pw");
            server.add("dn: " + ADMINS_DN, "objectClass: groupOfNames", "cn: nodeim-admins",
                    "member: uid=opsadmin,ou=people," + BASE);
            server.startListening();
            return server;
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void person(InMemoryDirectoryServer server, String uid, String name, String password)
            throws LDAPException, LDIFException {
        server.add("dn: uid=" + uid + ",ou=people," + BASE, "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + name,
                "sn: " + name, "mail: " + uid + "@example.com", "userPassword: " + password);
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("nodeim.admin.password=" + Console.PASSWORD,
                "nodeim.ldap.url=ldap://127.0.0.1:" + DIRECTORY.getListenPort(),
                "nodeim.ldap.base-dn=ou=people," + BASE,
                "nodeim.ldap.bind-dn=" + SERVICE_DN,
                "nodeim.ldap.bind-password=" + SERVICE_PASSWORD,
                "nodeim.ldap.chat=true",
                "nodeim.ldap.admin-group=" + ADMINS_DN);
    }

    @AfterAll
    static void stopDirectory() {
        DIRECTORY.shutDown(true);
    }

    @ArquillianResource
    URL base;

    private int signin(String username, String password) {
        try (var client = ChatClient.connect(base)) {
            return client.call("signin", json("username", username, "password", password)).optInt("code");
        }
    }

    @Test
    void aDirectoryUserSignsInWithTheDirectorysPasswordAndGetsAnAccount() throws LDAPException {
        try (var client = ChatClient.connect(base)) {
            JSONObject signedIn = client.call("signin", json("username", "alice", "password", "alice-pw"));
            assertThat(signedIn.optInt("code")).isEqualTo(200);
            JSONObject doc = signedIn.optJSONObject("doc");
            assertThat(doc.optString("username")).isEqualTo("alice");
            assertThat(doc.optString("name")).isEqualTo("Alice Liddell");
            assertThat(doc.optString("mail")).isEqualTo("alice@example.com");
            assertThat(signedIn.optString("token")).as("a resume token, as for everyone").hasSize(43);
        }
        assertThat(signin("alice", "alice-pw")).as("the same account again").isEqualTo(200);
        assertThat(signin("alice", "wrong")).isEqualTo(404);
        assertThat(signin("alice", "")).as("never an anonymous bind").isIn(403, 404);
        assertThat(signin("*", "alice-pw")).as("the name is escaped in the filter").isEqualTo(404);
        assertThat(signin("*)(uid=*", "alice-pw")).isEqualTo(404);

        DIRECTORY.modify("uid=alice,ou=people," + BASE, new Modification(ModificationType.REPLACE, "userPassword", "changed-pw"));
        assertThat(signin("alice", "alice-pw")).as("the directory decides, each time").isEqualTo(404);
        assertThat(signin("alice", "changed-pw")).isEqualTo(200);

        try (var client = ChatClient.connect(base)) {
            assertThat(client.call("signup", json("username", "eve", "password", "mine")).optInt("code"))
                    .as("a name of the directory").isEqualTo(405);
            String local = ChatClient.uniqueName("local");
            assertThat(client.call("signup", json("username", local, "password", "local-pw")).optInt("code")).isEqualTo(200);
            assertThat(signin(local, "local-pw")).as("users the directory does not know, as before").isEqualTo(200);
        }
    }

    @Test
    void recoveryIsTheDirectorysAndAnUnreachableDirectoryIs503ButTokensStillWork() throws LDAPException {
        String token;
        try (var client = ChatClient.connect(base)) {
            JSONObject signedIn = client.call("signin", json("username", "eve", "password", "eve-pw"));
            assertThat(signedIn.optInt("code")).isEqualTo(200);
            token = signedIn.optString("token");
            assertThat(client.call("retrieve", json("username", "eve", "answer", "x", "newpassword", "mine")).optInt("code"))
                    .as("the password is the directory's").isEqualTo(403);
        }
        DIRECTORY.shutDown(true);
        try {
            assertThat(signin("eve", "eve-pw")).as("the directory does not answer").isEqualTo(503);
            try (var client = ChatClient.connect(base)) {
                assertThat(client.call("signin", json("token", token)).optInt("code")).as("a resume token needs no directory")
                        .isEqualTo(200);
            }
        } finally {
            DIRECTORY.startListening();
        }
        assertThat(signin("eve", "eve-pw")).as("back").isEqualTo(200);
    }

    @Test
    void anAccountMadeHereBeforeTakesTheDirectorysPasswordOnceTheDirectoryKnowsItsName() throws Exception {
        String name = ChatClient.uniqueName("frank");
        try (var client = ChatClient.connect(base)) {
            assertThat(client.call("signup", json("username", name, "password", "local-pw")).optInt("code")).isEqualTo(200);
        }
        assertThat(signin(name, "local-pw")).isEqualTo(200);
        person(DIRECTORY, name, "Frank", "directory-pw");
        assertThat(signin(name, "local-pw")).as("the local password no longer counts").isEqualTo(404);
        assertThat(signin(name, "directory-pw")).isEqualTo(200);
    }

    @Test
    void membersOfTheAdministratorsGroupSignInToTheConsole() {
        try (WebClient browser = Console.browser()) {
            HtmlPage page = Console.submitLogin(Console.page(browser, Console.url(base, "")), "opsadmin", "ops-pw");
            assertThat(Console.isConsole(page)).as("a member of the group").isTrue();
        }
        try (WebClient browser = Console.browser()) {
            HtmlPage page = Console.submitLogin(Console.page(browser, Console.url(base, "")), "eve", "eve-pw");
            assertThat(Console.isConsole(page)).as("not in the group").isFalse();
        }
        try (WebClient browser = Console.browser()) {
            HtmlPage page = Console.submitLogin(Console.page(browser, Console.url(base, "")), "opsadmin", "wrong");
            assertThat(Console.isConsole(page)).isFalse();
        }
        try (WebClient browser = Console.signedIn(base)) {
            String audit = Console.page(browser, Console.url(base, "audit.xhtml")).getElementById("audit").asNormalizedText();
            assertThat(audit).contains("opsadmin").contains("signin.failed");
        }
    }
}

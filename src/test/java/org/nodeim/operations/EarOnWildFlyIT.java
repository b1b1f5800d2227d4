package org.nodeim.operations;

import java.io.File;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nodeim.testing.Loopback;
import org.nodeim.testing.TestServer;

/**
 * The EAR ({@code ear/}) deployed on WildFly serves nodeim at the root context: signup, signin
 * and a message between two users, as {@link EarDeploymentIT} checks on Payara Server. The EAR is
 * built after the WAR is tested, so the WildFly run checks it only when given it
 * ({@code mvn verify -Pwildfly -Dnodeim.ear=ear/target/nodeim.ear}, as {@code .ci/run} does).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag(TestServer.WILDFLY_ONLY) // Payara Micro deploys WARs only
@EnabledIfSystemProperty(named = "nodeim.ear", matches = ".+")
class EarOnWildFlyIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("nodeim.ear")));
    }

    @ArquillianResource
    URL base;

    @Test
    void theEarServesSignupSigninAndMessages() throws Exception {
        EarDeploymentIT.signUpSignInAndMessage(Loopback.of(base));
    }
}

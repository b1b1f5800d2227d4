package org.nodeim.testing;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR that {@code mvn package} built, as the integration tests deploy it. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive war() {
        String path = System.getProperty("nodeim.war", "target/ROOT.war");
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(path));
    }

    /**
     * The WAR with configuration that overrides its defaults, given as lines of a properties
     * file (a config source of higher ordinal in a library of the WAR).
     */
    public static WebArchive war(String... configLines) {
        var config = new StringBuilder("config_ordinal=500\n");
        for (String line : configLines) {
            config.append(line).append('\n');
        }
        var library = ShrinkWrap.create(JavaArchive.class, "test-config.jar")
                .addAsManifestResource(new StringAsset(config.toString()), "microprofile-config.properties");
        return war().addAsLibrary(library);
    }
}

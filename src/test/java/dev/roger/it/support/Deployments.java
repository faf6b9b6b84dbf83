package dev.roger.it.support;

import dev.roger.testing.Broker;
import dev.roger.testing.Await;
import dev.roger.testing.Programs;
import dev.roger.testing.RabbitCli;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Test applications packaged the way users package theirs: their classes plus
 * {@code WEB-INF/lib/roger-ejb-api.jar} (the one dependency), no server descriptor.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive war(String name, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes)
                .addClasses(Await.class, Broker.class, RabbitCli.class, Programs.class)
                .addAsLibrary(ShrinkWrap.createFromZipFile(JavaArchive.class, apiJar()));
    }

    private static File apiJar() {
        File jar = PayaraMicro.apiJar().toFile();
        if (!jar.isFile()) {
            throw new IllegalStateException(jar + " is missing: run the tests through Maven (mvn verify), "
                    + "which copies it there");
        }
        return jar;
    }
}

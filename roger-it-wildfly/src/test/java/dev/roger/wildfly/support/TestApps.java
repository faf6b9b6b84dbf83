package dev.roger.wildfly.support;

import dev.roger.wildfly.app.BlockingJob;
import dev.roger.wildfly.app.Collector;
import dev.roger.wildfly.app.EchoJob;
import dev.roger.wildfly.app.FailingJob;
import dev.roger.wildfly.app.JobsServlet;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The test application, packaged as users package theirs for WildFly: their classes, the one
 * dependency {@code WEB-INF/lib/roger-ejb-api.jar}, and {@code WEB-INF/jboss-web.xml} (which
 * Payara ignores) mapping the application's Roger connection factory to the adapter's. The
 * generated {@code ejb-jar.xml} only gives the echo bean this run's partition.
 */
public final class TestApps {

    /**
     * Maps java:app/roger/ConnectionFactory to the factory the RAR's ironjacamar.xml binds. A
     * deployment descriptor entry of that name replaces the one {@code @ConnectionFactoryDefinition}
     * on RogerBridge defines, which on WildFly would start a second adapter instance.
     */
    public static final String JBOSS_WEB = """
            <?xml version="1.0" encoding="UTF-8"?>
            <jboss-web xmlns="urn:jboss:jakartaee:1.0" version="15.0">
              <resource-ref>
                <res-ref-name>java:app/roger/ConnectionFactory</res-ref-name>
                <res-type>dev.roger.api.spi.RogerConnectionFactory</res-type>
                <jndi-name>java:/roger/ConnectionFactory</jndi-name>
              </resource-ref>
            </jboss-web>
            """;

    /**
     * Binds every MDB of the application to Roger's adapter {@code resourceAdapter}: the standalone
     * {@code roger-ra.rar} for profiles whose default MDB adapter is another one (standalone-full*.xml:
     * ActiveMQ's), or {@code <ear>#roger-ra} for the adapter inside an EAR. Payara ignores the file.
     */
    public static String jbossEjb3(String resourceAdapter) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <jboss:ejb-jar xmlns:jboss="urn:jboss:jakartaee:1.0" xmlns="https://jakarta.ee/xml/ns/jakartaee"
                               xmlns:r="urn:resource-adapter-binding" version="4.0" impl-version="2.0">
                  <assembly-descriptor>
                    <r:resource-adapter-binding>
                      <ejb-name>*</ejb-name>
                      <r:resource-adapter-name>%s</r:resource-adapter-name>
                    </r:resource-adapter-binding>
                  </assembly-descriptor>
                </jboss:ejb-jar>
                """.formatted(resourceAdapter);
    }

    /** Which WildFly descriptors the test WAR carries. */
    public enum Descriptor { JBOSS_WEB, JBOSS_EJB3 }

    private TestApps() {
    }

    /** The test WAR; {@code partitions} is the echo bean's {@code partitions} activation property. */
    public static WebArchive war(String name, String partitions, java.util.Set<Descriptor> descriptors) {
        return war(name, partitions, descriptors, false);
    }

    private static WebArchive war(String name, String partitions, java.util.Set<Descriptor> descriptors,
            boolean allBeans) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(Collector.class, EchoJob.class, FailingJob.class, BlockingJob.class, JobsServlet.class)
                .addAsLibrary(ShrinkWrap.createFromZipFile(JavaArchive.class, apiJar()))
                .addAsWebInfResource(new StringAsset(ejbJar(partitions, allBeans)), "ejb-jar.xml");
        if (descriptors.contains(Descriptor.JBOSS_WEB)) {
            war.addAsWebInfResource(new StringAsset(JBOSS_WEB), "jboss-web.xml");
        }
        if (descriptors.contains(Descriptor.JBOSS_EJB3)) {
            war.addAsWebInfResource(new StringAsset(jbossEjb3("roger-ra.rar")), "jboss-ejb3.xml");
        }
        return war;
    }

    /**
     * The test WAR for standalone.xml with every bean on {@code partitions}: none also serves the
     * shared {@code default} partition, whose state a node with the JDBC persister would otherwise
     * own, load and store next to other test runs' nodes.
     */
    public static WebArchive warOnPartitions(String name, String partitions) {
        return war(name, partitions, java.util.EnumSet.of(Descriptor.JBOSS_WEB), true);
    }

    /** The test WAR as users package theirs for standalone.xml: only jboss-web.xml. */
    public static WebArchive war(String name, String partitions) {
        return war(name, partitions, java.util.EnumSet.of(Descriptor.JBOSS_WEB));
    }

    private static String ejbJar(String partitions, boolean allBeans) {
        java.util.List<String> beans = allBeans ? java.util.List.of("EchoJob", "FailingJob", "BlockingJob")
                : java.util.List.of("EchoJob");
        StringBuilder mdbs = new StringBuilder();
        for (String bean : beans) {
            mdbs.append(MDB.formatted(bean, partitions));
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <ejb-jar xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/ejb-jar_4_0.xsd"
                         version="4.0">
                  <enterprise-beans>
                %s  </enterprise-beans>
                </ejb-jar>
                """.formatted(mdbs);
    }

    private static final String MDB = """
                <message-driven>
                  <ejb-name>%s</ejb-name>
                  <activation-config>
                    <activation-config-property>
                      <activation-config-property-name>partitions</activation-config-property-name>
                      <activation-config-property-value>%s</activation-config-property-value>
                    </activation-config-property>
                  </activation-config>
                </message-driven>
            """;

    /** This build's {@code roger-console.war}, unchanged, as operators deploy it. */
    public static WebArchive consoleWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, copied("roger-console.war"));
    }

    private static File apiJar() {
        return copied("roger-ejb-api.jar");
    }

    /** This build's resource adapter, {@code roger-ra.rar}, as users deploy it or put it in an EAR. */
    public static File adapterRar() {
        return copied("roger-ra.rar");
    }

    private static File copied(String name) {
        File file = WildFlySession.arquillianDir().resolve(name).toFile();
        if (!file.isFile()) {
            throw new IllegalStateException(file + " is missing: run the tests through Maven (mvn verify), which copies it");
        }
        return file;
    }
}

package dev.roger.it.portability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roger.api.Job;
import dev.roger.api.RogerClient;
import dev.roger.it.support.Await;
import dev.roger.it.support.Deployments;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One application for every server: the descriptors a WAR carries for WildFly (WEB-INF/jboss-web.xml
 * mapping java:app/roger/ConnectionFactory to the RAR's factory, WEB-INF/jboss-ejb3.xml binding the
 * beans to roger-ra.rar; see docs/servers-wildfly-notes.md and roger-it-wildfly) change nothing on
 * Payara Micro: the glue still gets its annotation-defined factory, the bean runs the job once, the
 * events arrive.
 */
@ExtendWith(ArquillianExtension.class)
class WildFlyDescriptorsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final String JBOSS_WEB = """
            <?xml version="1.0" encoding="UTF-8"?>
            <jboss-web xmlns="urn:jboss:jakartaee:1.0" version="15.0">
              <resource-ref>
                <res-ref-name>java:app/roger/ConnectionFactory</res-ref-name>
                <res-type>dev.roger.api.spi.RogerConnectionFactory</res-type>
                <jndi-name>java:/roger/ConnectionFactory</jndi-name>
              </resource-ref>
            </jboss-web>
            """;

    private static final String JBOSS_EJB3 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <jboss:ejb-jar xmlns:jboss="urn:jboss:jakartaee:1.0" xmlns="https://jakarta.ee/xml/ns/jakartaee"
                           xmlns:r="urn:resource-adapter-binding" version="4.0" impl-version="2.0">
              <assembly-descriptor>
                <r:resource-adapter-binding>
                  <ejb-name>*</ejb-name>
                  <r:resource-adapter-name>roger-ra.rar</r:resource-adapter-name>
                </r:resource-adapter-binding>
              </assembly-descriptor>
            </jboss:ejb-jar>
            """;

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("wfdesc", PortableJobBean.class, Seen.class)
                .addAsWebInfResource(new StringAsset(JBOSS_WEB), "jboss-web.xml")
                .addAsWebInfResource(new StringAsset(JBOSS_EJB3), "jboss-ejb3.xml");
    }

    @Inject
    RogerClient roger;

    @Inject
    Seen seen;

    @Test
    void aWarWithTheWildFlyDescriptorsRunsItsJobsOnPayaraMicro() {
        Job job = roger.enqueue("wfdesc_boot", Job.builder("wfdesc-job").build());

        Await.until("after-run of " + job.id(), WAIT, () -> seen.of(job.id()).contains("AfterRun"));
        assertEquals(List.of("BeforeRun", "run", "AfterRun"), seen.of(job.id()));
    }
}

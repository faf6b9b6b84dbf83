package dev.roger.it.cluster;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import javax.sql.DataSource;

/**
 * Records its run (start = the moment Roger let it start, seen at once; stop = committed with the
 * job) around a sleep, then calls an injected CDI bean: a job still running when its application's
 * CDI container is gone fails there, as real jobs that use injected services do.
 */
@DataSourceDefinition(name = "java:app/jdbc/runs-now", className = "org.postgresql.ds.PGSimpleDataSource",
        url = "jdbc:postgresql://127.0.0.1:5432/postgres", user = "postgres", transactional = false)
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "sd_boot[default=1]"))
@RogerJob(type = "sd-work")
public class ShutdownJobBean implements RogerJobListener {

    @Resource(lookup = "java:app/jdbc/roger")
    DataSource dataSource;

    /** Not enlisted in the job's transaction: see {@link RunRecorder#runSeenAtOnce}. */
    @Resource(lookup = "java:app/jdbc/runs-now")
    DataSource startRows;

    @Inject
    ShutdownProbe probe;

    @Override
    public void onJob(Job job) throws Exception {
        ClusterWork work = job.args(ClusterWork.class);
        new RunRecorder(dataSource, work.table()).runSeenAtOnce(startRows, job.id(), job.startedAt().orElseThrow(),
                work.millis());
        probe.finished(job.id());
    }
}

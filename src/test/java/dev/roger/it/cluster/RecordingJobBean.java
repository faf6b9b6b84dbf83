package dev.roger.it.cluster;

import dev.roger.api.Job;
import dev.roger.api.RogerJobListener;
import jakarta.annotation.Resource;
import javax.sql.DataSource;

/**
 * A job bean of the cluster tests: writes a start row and a stop row into the test's table around
 * a sleep (see {@link RunRecorder}), so the test sees what every node ran. Subclasses are the
 * message-driven beans, each with its job type and boot partition.
 */
public abstract class RecordingJobBean implements RogerJobListener {

    @Resource(lookup = "java:app/jdbc/roger")
    DataSource dataSource;

    @Override
    public void onJob(Job job) throws Exception {
        ClusterWork work = job.args(ClusterWork.class);
        new RunRecorder(dataSource, work.table()).run(job.id(), work.millis());
    }
}

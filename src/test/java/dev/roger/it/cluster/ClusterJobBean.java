package dev.roger.it.cluster;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import javax.sql.DataSource;

/**
 * Writes a start row and a stop row into the test's table around a sleep (see
 * {@link RunRecorder}), so the test sees what every node ran. The boot partition keeps the node
 * off the shared default partition; the test starts its partitions at runtime.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "cl_boot[default=1]"))
@RogerJob(type = "cl-work")
public class ClusterJobBean implements RogerJobListener {

    @Resource(lookup = "java:app/jdbc/roger")
    DataSource dataSource;

    @Override
    public void onJob(Job job) throws Exception {
        ClusterWork work = job.args(ClusterWork.class);
        new RunRecorder(dataSource, work.table()).run(job.id(), work.millis());
    }
}

package dev.roger.it.cluster;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Records every copy of a job that runs: one row (this JVM's pid, job id, the enqueue attempt that
 * published the copy) in the test's table, committed at once (no transaction), then sleeps. The
 * boot partition keeps the node off the shared default partition.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "eo_boot[default=1]"))
@RogerJob(type = "eo-work")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutcomeJobBean implements RogerJobListener {

    private static final Pattern TABLE = Pattern.compile("[a-z0-9_]{1,60}");

    @Resource(lookup = "java:app/jdbc/roger")
    DataSource dataSource;

    @Override
    public void onJob(Job job) throws Exception {
        OutcomeWork work = job.args(OutcomeWork.class);
        if (!TABLE.matcher(work.table()).matches()) {
            throw new IllegalArgumentException("bad table name " + work.table());
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into " + work.table()
                     + " (node, job_id, attempt) values (?, ?, ?)")) {
            ps.setString(1, Long.toString(ProcessHandle.current().pid()));
            ps.setString(2, job.id());
            ps.setInt(3, work.attempt());
            ps.executeUpdate();
        }
        if (work.millis() > 0) {
            Thread.sleep(work.millis());
        }
    }
}

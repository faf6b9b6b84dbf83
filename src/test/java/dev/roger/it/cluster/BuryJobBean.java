package dev.roger.it.cluster;

import dev.roger.api.Job;
import dev.roger.api.NonRetryable;
import dev.roger.api.NonRetryableException;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import javax.sql.DataSource;

/**
 * {@link AdminIT}'s job that is always buried: it records its start, then fails with an error that
 * is never retried ({@link BuriedRecorder} records the burial). The test starts its partition. No
 * container transaction: the start row must survive the failure that follows it.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "ad_boot[default=1]"))
@RogerJob(type = "ad-bury")
@TransactionManagement(TransactionManagementType.BEAN)
public class BuryJobBean implements RogerJobListener {

    /** The error of the group {@code declined}, searched for by its class. */
    public static class Declined extends RuntimeException implements NonRetryable {
        public Declined(String message) {
            super(message);
        }
    }

    @Resource(lookup = "java:app/jdbc/roger")
    DataSource dataSource;

    @Override
    public void onJob(Job job) throws Exception {
        BuryWork work = job.args(BuryWork.class);
        new RunRecorder(dataSource, work.table()).mark(job.id(), "start");
        if ("declined".equals(work.group())) {
            throw new Declined("card declined for job " + job.id());
        }
        throw new NonRetryableException("bad input in job " + job.id() + " of group " + work.group());
    }
}

package dev.roger.it.cluster;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import javax.sql.DataSource;

/**
 * {@link SchedulingIT}'s recurring job declared by annotation: every second in its boot partition
 * {@code sc_tick}, it records its run in the table {@value #TABLE} (a recurring job declared so has
 * no arguments to name a table in).
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "sc_tick[default=1]"))
@RogerJob(type = "sc-tick", cron = "* * * * * *")
public class TickJobBean implements RogerJobListener {

    static final String TABLE = "sc_ticks";

    @Resource(lookup = "java:app/jdbc/roger")
    DataSource dataSource;

    @Override
    public void onJob(Job job) throws Exception {
        new RunRecorder(dataSource, TABLE).run(job.id(), 0);
    }
}

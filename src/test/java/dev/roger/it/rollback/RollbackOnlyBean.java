package dev.roger.it.rollback;

import dev.roger.api.Job;
import dev.roger.api.RogerJob;
import dev.roger.api.RogerJobListener;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;

/**
 * Marks its container transaction rollback-only and returns normally, as a bean does when a
 * resource it used failed late: the server rolls back and only logs it.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "partitions", propertyValue = "rb[default=2]"))
@RogerJob(type = "rollback-only")
public class RollbackOnlyBean implements RogerJobListener {

    @Resource
    MessageDrivenContext context;

    @Inject
    Returns returns;

    @Override
    public void onJob(Job job) {
        if ("rollback".equals(job.args(String.class))) {
            context.setRollbackOnly();
        }
        returns.add(job.id());
    }
}

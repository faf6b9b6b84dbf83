package dev.roger.ra.inbound;

import dev.roger.api.RogerJobListener;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ResourceAdapter;

/**
 * The activation config of a {@link RogerJobListener} bean. Every property is optional:
 * <ul>
 *   <li>{@code jobType}: the job type the bean runs (default: {@code @RogerJob(type)}, else the
 *       bean class's simple name);</li>
 *   <li>{@code queue}: the queue jobs of this type go to when the job names none (default:
 *       {@code @RogerJob(queue)}, else {@code default});</li>
 *   <li>{@code partitions}: partitions this node starts at deployment, e.g.
 *       {@code myapp[default=10,other=5]; billing[default=2]}. Without it, the bean's queue of
 *       the adapter's default partition is consumed.</li>
 * </ul>
 * The values are checked in {@code endpointActivation}, where the bean's name is known, so that a
 * bad value fails the deployment with a message naming the bean; see {@link ActivationConfig}.
 */
@Activation(messageListeners = RogerJobListener.class)
public class RogerActivationSpec implements ActivationSpec {

    @ConfigProperty(description = "Job type this bean runs (default: @RogerJob type, else the class's simple name)")
    private String jobType;

    @ConfigProperty(description = "Queue jobs of this type go to by default (default: @RogerJob queue, else 'default')")
    private String queue;

    @ConfigProperty(description = "Partitions to start on this node, e.g. myapp[default=10,other=5]; billing[default=2]")
    private String partitions;

    private ResourceAdapter resourceAdapter;

    public String getJobType() {
        return jobType;
    }

    public void setJobType(String jobType) {
        this.jobType = jobType;
    }

    public String getQueue() {
        return queue;
    }

    public void setQueue(String queue) {
        this.queue = queue;
    }

    public String getPartitions() {
        return partitions;
    }

    public void setPartitions(String partitions) {
        this.partitions = partitions;
    }

    /**
     * Accepts everything: the checks run at activation, where the error message can name the bean
     * (this method does not know which bean it configures).
     */
    @Override
    public void validate() {
        // Intentionally empty; see ActivationConfig.resolve.
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        this.resourceAdapter = ra;
    }
}

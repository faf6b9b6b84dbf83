package dev.roger.api;

/**
 * The message listener interface of Roger's resource adapter: implement it in one message-driven
 * bean per job type.
 *
 * <pre>{@code
 * @MessageDriven
 * @RogerJob(type = "send-welcome-mail")
 * public class SendWelcomeMail implements RogerJobListener {
 *     public void onJob(Job job) throws Exception {
 *         Welcome w = job.args(Welcome.class);
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>The job is acknowledged only after this method returned (success) or after the failure was
 * recorded (the job is buried). A node that dies while the method runs leaves the job to be
 * redelivered: jobs run at least once, so make them idempotent.
 */
public interface RogerJobListener {

    /**
     * Runs one job. Runs on a container (WorkManager) thread with the full EJB and CDI context of
     * the bean's application.
     *
     * @param job the job, its arguments decoded on demand with {@link Job#args(Class)}
     * @throws Exception any failure; the job is then reported through a {@code JobError} event
     *                   and moved to the buried queue of its partition and queue
     */
    void onJob(Job job) throws Exception;
}

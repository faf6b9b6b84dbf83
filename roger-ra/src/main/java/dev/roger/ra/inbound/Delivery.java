package dev.roger.ra.inbound;

import com.rabbitmq.client.AMQP;
import dev.roger.ra.tracing.JobSpan;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One message delivered to a {@link QueueConsumer}, to be settled exactly once on the channel it
 * came from. Only the {@link Settler} settles it; everyone else records where the delivery is
 * ({@link #stage}), so a delivery that never settles can be found and named.
 */
public final class Delivery {

    private final QueueConsumer consumer;
    private final long tag;
    private final AMQP.BasicProperties properties;
    private final byte[] body;
    private final boolean redelivered;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private volatile String stage = "waiting for a worker";
    private volatile long stageSince = System.nanoTime();
    private volatile String jobId;
    private volatile Duration limit;
    /**
     * This attempt's span, or null: its retry copy carries it as the first attempt. Kept as the span
     * and written as a traceparent only for a retry copy, since most attempts never need the text.
     */
    private volatile JobSpan attempt;
    private volatile boolean warned;
    private final long receivedAt = System.nanoTime();
    /** Set when the {@link LongJobGuard} admits the delivery: its ending then goes there. */
    private volatile Handover handover;
    /**
     * The main queue a dead-lettered job came from ({@link DeadLetteredJobs}), or null: its
     * partition, queue and main queue are then those, not its consumer's.
     */
    private volatile Origin origin;

    /** Where a job consumed from another queue than its own belongs. */
    record Origin(String partition, String queue, String mainQueue) {
    }

    /** How the Settler's decision reaches the broker. */
    enum Ending {
        /** Acked: the broker forgets the message. */
        ACK,
        /** Nacked with requeue: back to its queue. */
        RETURN,
        /** Left unacked: the broker takes it back when the channel closes. */
        LEAVE
    }

    /** Ends a delivery in place of its channel (a long job's held copy). */
    interface Handover {
        void end(Ending ending);
    }

    Delivery(QueueConsumer consumer, long tag, AMQP.BasicProperties properties, byte[] body, boolean redelivered) {
        this.consumer = consumer;
        this.tag = tag;
        this.properties = properties;
        this.body = body;
        this.redelivered = redelivered;
    }

    public String partition() {
        Origin o = origin;
        return o != null ? o.partition() : consumer.partition();
    }

    public String queue() {
        Origin o = origin;
        return o != null ? o.queue() : consumer.queue();
    }

    /** The broker's queue it came from: its retry, buried and requeued copies are named after it. */
    public String mainQueue() {
        Origin o = origin;
        return o != null ? o.mainQueue() : consumer.mainQueue();
    }

    /** Makes the job belong to {@code o}'s main queue, though it was consumed from another. */
    void origin(Origin o) {
        this.origin = o;
    }

    public AMQP.BasicProperties properties() {
        return properties;
    }

    public byte[] body() {
        return body;
    }

    public boolean redelivered() {
        return redelivered;
    }

    /**
     * How many times the broker gave this message out before without it being acked
     * ({@link UnfinishedDeliveries}), plus the runs lost while the job was detached from its
     * delivery (see {@link LongJobGuard}), which the broker cannot count.
     */
    public int deliveryCount() {
        long counted = UnfinishedDeliveries.of(properties == null ? null : properties.getHeaders(), redelivered);
        return (int) Math.min(Integer.MAX_VALUE, counted + LongJobGuard.lostRuns(properties));
    }

    /** The message id property, which is the job id for messages Roger published. */
    public String messageId() {
        return properties == null ? null : properties.getMessageId();
    }

    /** The job id once the body is decoded, else the message id (may be null). */
    String jobId() {
        String id = jobId;
        return id != null ? id : messageId();
    }

    void jobId(String id) {
        this.jobId = id;
    }

    /** Records where the delivery is now, for the stuck-delivery watch. */
    void stage(String what) {
        this.stage = what;
        this.stageSince = System.nanoTime();
    }

    /** Records the job's maximum execution time: the watch allows it plus a margin while it runs. */
    void limit(Duration limit) {
        this.limit = limit;
    }

    void attempt(JobSpan span) {
        this.attempt = span;
    }

    /** This attempt's span as a traceparent value; null when there is none or it is not recorded. */
    String attemptTrace() {
        JobSpan span = attempt;
        return span == null ? null : span.traceparent();
    }

    String stage() {
        return stage;
    }

    long stageSince() {
        return stageSince;
    }

    Duration limit() {
        return limit;
    }

    /** True once: the stuck-delivery watch warns once per delivery. */
    boolean firstWarning() {
        if (warned) {
            return false;
        }
        warned = true;
        return true;
    }

    /** Whether the consumer is being stopped, so a job not yet started should go back to the queue. */
    boolean consumerStopping() {
        return consumer.stopping();
    }

    /** Whether the broker took the delivery back (its consumer cancelled or its channel closed). */
    boolean consumerLost() {
        return consumer.lost();
    }

    /** Whether the delivery's channel is still open (acks are still possible). */
    boolean channelOpen() {
        return consumer.getChannel().isOpen();
    }

    /** Takes the right to settle: true for exactly one caller. */
    boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    boolean claimed() {
        return claimed.get();
    }

    /** Acknowledges on the delivery's channel. Only the Settler calls it, after {@link #claim()}. */
    void basicAck() {
        end(Ending.ACK);
    }

    /** Nacks with requeue: the broker returns the message to its queue's head. Only the Settler calls it. */
    void basicReturn() {
        end(Ending.RETURN);
    }

    /** Leaves it unacked for good: the broker redelivers it when the channel closes. Only the Settler calls it. */
    void abandon() {
        end(Ending.LEAVE);
    }

    private void end(Ending ending) {
        Handover h = handover;
        if (h != null) {
            h.end(ending);
        } else {
            endOnChannel(ending);
        }
    }

    /** Ends it on the channel it came from, whatever ends it otherwise (the long-job guard detaching it). */
    void endOnChannel(Ending ending) {
        switch (ending) {
            case ACK -> consumer.settle(tag, true);
            case RETURN -> consumer.settle(tag, false);
            case LEAVE -> consumer.abandon();
        }
    }

    void handOver(Handover h) {
        handover = h;
    }

    /** When the broker handed it over ({@link System#nanoTime()}): its age is what the consumer timeout measures. */
    long receivedAt() {
        return receivedAt;
    }

    /** The worker count of the consumer it came from. */
    int workers() {
        return consumer.workers();
    }
}

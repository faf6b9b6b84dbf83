package dev.roger.ra.metrics;

import dev.roger.api.Job;
import dev.roger.api.event.AfterRun;
import dev.roger.api.event.BeforeRun;
import dev.roger.api.event.JobBuried;
import dev.roger.api.event.JobCancelled;
import dev.roger.api.event.JobError;
import dev.roger.api.event.JobEvent;
import dev.roger.ra.inbound.JobObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts job outcomes and times jobs, labelled {@code partition} (capped by {@link PartitionLabels}),
 * {@code queue} and {@code type}. The type is bounded by the beans deployed on the node: only jobs
 * whose bean was found fire events; deliveries buried without running are labelled
 * {@value #NOT_RUN}, since their type is whatever a producer wrote.
 */
final class JobMeters implements JobObserver {

    /** The {@code type} label of deliveries buried without their bean running. */
    static final String NOT_RUN = "_not_run";

    private final MeterRegistry registry;
    private final PartitionLabels partitions;
    /** Looked up per event: a map hit is cheaper than Micrometer's own meter lookup with tags. */
    private final Map<Key, Series> series = new ConcurrentHashMap<>();

    JobMeters(MeterRegistry registry, PartitionLabels partitions) {
        this.registry = registry;
        this.partitions = partitions;
    }

    /** Written out: a record's generated equals showed in the per-job profile; this is looked up twice per job. */
    private record Key(String partition, String queue, String type) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && partition.equals(k.partition) && queue.equals(k.queue) && type.equals(k.type);
        }

        @Override
        public int hashCode() {
            return (31 * partition.hashCode() + queue.hashCode()) * 31 + type.hashCode();
        }
    }

    /** The meters of one (partition, queue, type), made on first use. */
    private static final class Series {
        final Counter started;
        final Counter succeeded;
        final Counter failed;
        final Counter retried;
        final Counter buried;
        final Counter cancelled;
        final Timer succeededTime;
        final Timer failedTime;
        final Timer latency;

        Series(MeterRegistry r, Key k) {
            Tags tags = Tags.of("partition", k.partition(), "queue", k.queue(), "type", k.type());
            started = counter(r, "roger.jobs.started", "Attempts that started running in their bean", tags);
            succeeded = counter(r, "roger.jobs.succeeded", "Attempts whose bean returned", tags);
            failed = counter(r, "roger.jobs.failed", "Attempts that failed (threw, timed out, or killed their worker)", tags);
            retried = counter(r, "roger.jobs.retried", "Failed attempts whose retry was stored", tags);
            buried = counter(r, "roger.jobs.buried", "Jobs moved to their buried queue", tags);
            cancelled = counter(r, "roger.jobs.cancelled", "Jobs cancelled before or while running", tags);
            succeededTime = duration(r, tags.and("outcome", "succeeded"));
            failedTime = duration(r, tags.and("outcome", "failed"));
            latency = Timer.builder("roger.job.start.latency")
                    .description("From enqueue to the start of the first attempt (retries wait their backoff on purpose)")
                    .tags(tags).serviceLevelObjectives(Buckets.SECONDS).register(r);
        }

        private static Counter counter(MeterRegistry r, String name, String description, Tags tags) {
            return Counter.builder(name).description(description).tags(tags).register(r);
        }

        private static Timer duration(MeterRegistry r, Tags tags) {
            return Timer.builder("roger.job.duration").description("How long an attempt ran in its bean")
                    .tags(tags).serviceLevelObjectives(Buckets.SECONDS).register(r);
        }
    }

    @Override
    public void saw(JobEvent event) {
        Job job = event.job();
        Series s = series(event.partition(), job.queue().orElse(""), job.type());
        if (event instanceof BeforeRun) {
            s.started.increment();
            if (job.retryCount() == 0) {
                between(job.queuedAt().orElse(null), job.startedAt().orElse(null), s.latency);
            }
        } else if (event instanceof AfterRun after) {
            s.succeeded.increment();
            s.succeededTime.record(after.duration());
        } else if (event instanceof JobError error) {
            s.failed.increment();
            if (error.retryScheduled()) {
                s.retried.increment();
            }
            between(job.startedAt().orElse(null), Instant.now(), s.failedTime);
        } else if (event instanceof JobBuried) {
            s.buried.increment();
        } else if (event instanceof JobCancelled) {
            s.cancelled.increment();
        }
    }

    @Override
    public void buriedUnrun(String partition, String queue) {
        series(partition, queue == null ? "" : queue, NOT_RUN).buried.increment();
    }

    private Series series(String partition, String queue, String type) {
        Key key = new Key(partitions.of(partition), queue, type);
        Series s = series.get(key);
        return s != null ? s : series.computeIfAbsent(key, k -> new Series(registry, k));
    }

    /** Records the time from {@code from} to {@code to}, when both are known and in order. */
    private static void between(Instant from, Instant to, Timer timer) {
        if (from != null && to != null && !to.isBefore(from)) {
            timer.record(Duration.between(from, to));
        }
    }
}

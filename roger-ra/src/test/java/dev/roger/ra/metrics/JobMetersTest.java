package dev.roger.ra.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.Job;
import dev.roger.api.event.AfterRun;
import dev.roger.api.event.BeforeRun;
import dev.roger.api.event.JobBuried;
import dev.roger.api.event.JobError;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The events become Prometheus series with the conventional names, labels and units. */
class JobMetersTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JobMeters meters = new JobMeters(registry, new PartitionLabels(1));

    private static Job job(String type, int retryCount) {
        Instant now = Instant.now();
        return Job.builder(type).queue("q").retryCount(retryCount).queuedAt(now.minusMillis(300)).startedAt(now).build();
    }

    @Test
    void outcomesAreCountedWithPartitionQueueAndType() {
        Job first = job("t", 0);
        meters.saw(new BeforeRun("p", first));
        meters.saw(new AfterRun("p", first, Duration.ofMillis(20)));
        Job second = job("t", 0);
        meters.saw(new BeforeRun("p", second));
        RuntimeException boom = new RuntimeException("boom");
        meters.saw(new JobError("p", second, boom, 0, true, false));
        meters.saw(new JobError("p", second, boom, 1, false, true));
        meters.saw(new JobBuried("p", second, boom));
        meters.buriedUnrun("p", "q");
        String text = registry.scrape();
        assertTrue(text.contains("roger_jobs_started_total{partition=\"p\",queue=\"q\",type=\"t\"} 2.0"), text);
        assertTrue(text.contains("roger_jobs_succeeded_total{partition=\"p\",queue=\"q\",type=\"t\"} 1.0"), text);
        assertTrue(text.contains("roger_jobs_failed_total{partition=\"p\",queue=\"q\",type=\"t\"} 2.0"), text);
        assertTrue(text.contains("roger_jobs_retried_total{partition=\"p\",queue=\"q\",type=\"t\"} 1.0"), text);
        assertTrue(text.contains("roger_jobs_buried_total{partition=\"p\",queue=\"q\",type=\"t\"} 1.0"), text);
        assertTrue(text.contains("roger_jobs_buried_total{partition=\"p\",queue=\"q\",type=\"_not_run\"} 1.0"), text);
        assertTrue(text.contains("roger_job_duration_seconds_count{outcome=\"succeeded\",partition=\"p\",queue=\"q\",type=\"t\"} 1"), text);
        assertTrue(text.contains("roger_job_duration_seconds_bucket{outcome=\"succeeded\",partition=\"p\",queue=\"q\",type=\"t\",le=\"0.025\"} 1"), text);
        assertTrue(text.contains("roger_job_start_latency_seconds_count{partition=\"p\",queue=\"q\",type=\"t\"} 2"), text);
    }

    @Test
    void partitionsPastTheCapShareOneLabel() {
        meters.saw(new BeforeRun("p", job("t", 0)));
        meters.saw(new BeforeRun("other-tenant", job("t", 0)));
        String text = registry.scrape();
        assertTrue(text.contains("roger_jobs_started_total{partition=\"_other\",queue=\"q\",type=\"t\"} 1.0"), text);
        assertTrue(!text.contains("other-tenant"), text);
    }

    @Test
    void retriesDoNotCountAsStartLatency() {
        meters.saw(new BeforeRun("p", job("t", 3)));
        assertTrue(registry.scrape().contains("roger_job_start_latency_seconds_count{partition=\"p\",queue=\"q\",type=\"t\"} 0"));
    }
}

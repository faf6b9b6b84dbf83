package dev.roger.demo.launcher;

import dev.roger.api.Job;
import dev.roger.demo.jobs.ResizeImageJob;
import dev.roger.demo.jobs.SendInvoiceJob;
import dev.roger.demo.jobs.SyncCrmJob;
import dev.roger.demo.jobs.Work;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The jobs of one run, decided before any is sent: partitions in turn, a random type each, a
 * random duration per type, and about one in a hundred set to fail. Deciding up front tells the
 * launcher exactly how many runs and errors to expect.
 *
 * @param jobs the jobs in enqueue order
 */
record JobPlan(List<Planned> jobs) {

    /** One job and the partition it goes to. */
    record Planned(String partition, Job job, boolean fails) {
    }

    /** A job type, by its bean, and how long its simulated work takes. */
    private record Kind(Class<?> bean, int minMillis, int maxMillis) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind(ResizeImageJob.class, 20, 60),
            new Kind(SendInvoiceJob.class, 5, 20),
            new Kind(SyncCrmJob.class, 10, 40));
    private static final int FAIL_ONE_IN = 100;

    /** A plan of {@code count} jobs over {@code partitions}; the same seed gives the same plan. */
    static JobPlan create(int count, List<String> partitions, long seed) {
        Random random = new Random(seed);
        List<Planned> jobs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Kind kind = KINDS.get(random.nextInt(KINDS.size()));
            int millis = kind.minMillis() + random.nextInt(kind.maxMillis() - kind.minMillis() + 1);
            boolean fails = random.nextInt(FAIL_ONE_IN) == 0;
            // Job.builder(Class) takes the type from the bean's @RogerJob, so it cannot drift.
            Job job = Job.builder(kind.bean()).args(new Work(millis, fails)).build();
            jobs.add(new Planned(partitions.get(i % partitions.size()), job, fails));
        }
        return new JobPlan(List.copyOf(jobs));
    }

    int size() {
        return jobs.size();
    }

    /** Planned jobs per partition, in the partitions' order. */
    Map<String, Integer> perPartition() {
        Map<String, Integer> out = new LinkedHashMap<>();
        jobs.forEach(p -> out.merge(p.partition(), 1, Integer::sum));
        return out;
    }

    /** How many jobs are set to fail. */
    int failing() {
        return (int) jobs.stream().filter(Planned::fails).count();
    }
}

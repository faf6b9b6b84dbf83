package dev.roger.chaos.load;

import dev.roger.api.Job;
import dev.roger.chaos.app.ChaosJobs;
import dev.roger.chaos.app.ChaosWork;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The jobs of one phase: job {@code i} has the id {@code <prefix>-<i>}, goes to the partitions in
 * turn, and works between {@code minMillis} and {@code maxMillis} (drawn from a fixed seed, so a
 * rerun sends the same jobs). The ids are the producer's own, so the same job can be sent again
 * after an enqueue that threw, and the executions table can be matched against what was sent.
 */
public final class JobPlan {

    private final String prefix;
    private final int size;
    private final List<String> partitions;
    private final long[] millis;

    public JobPlan(String prefix, int size, List<String> partitions, int minMillis, int maxMillis, long seed) {
        this.prefix = prefix;
        this.size = size;
        this.partitions = List.copyOf(partitions);
        this.millis = new long[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            millis[i] = random.nextInt(minMillis, maxMillis + 1);
        }
    }

    public int size() {
        return size;
    }

    /** What every id of this plan starts with, e.g. {@code n-}. */
    public String prefix() {
        return prefix;
    }

    public String id(int i) {
        return prefix + i;
    }

    public String partition(int i) {
        return partitions.get(i % partitions.size());
    }

    public Job job(int i) {
        return Job.builder(ChaosJobs.TYPE).id(id(i)).args(new ChaosWork(millis[i])).build();
    }
}

package dev.roger.bench;

import java.util.List;
import java.util.Optional;

/**
 * How big one run is. {@code full} is the benchmark (each case three times, medians);
 * {@code quick} the same cases smaller and once, for a look in under five minutes; {@code smoke}
 * tiny, for CI: it proves every case still runs end to end, its figures mean nothing.
 *
 * @param name             as in the results file name and {@code --name} on the command line
 * @param repetitions      runs of each case; the results are medians over them
 * @param jobs             jobs per throughput run (Roger, PerfTest and JobRunr alike)
 * @param warmUpJobs       jobs through a new node before case 2 measures it (its JIT needs tens of thousands)
 * @param latencyRate      jobs per second of the latency case
 * @param latencySeconds   how long the latency case sends
 * @param fairnessBacklog  jobs of 5 ms partition A gets in the fairness case
 * @param fairnessSeconds  how long partition B sends its 10 jobs/s, alone and during the flood
 * @param tenants          partitions (of two queues each) of the many-tenants case
 * @param idleSeconds      how long the many-tenants cases measure idle CPU
 * @param classicTenants   partitions (of one classic queue each) of the ten-thousand-tenants case
 * @param scheduled        the scheduled-jobs case: how many, over how long, and their longest delay
 */
public record BenchMode(String name, int repetitions, int jobs, int warmUpJobs, int latencyRate, int latencySeconds,
                        int fairnessBacklog, int fairnessSeconds, int tenants, int idleSeconds, int classicTenants,
                        Scheduled scheduled) {

    /**
     * The size of case 9: {@code jobs} scheduled jobs enqueued evenly over {@code seconds}, each
     * delayed between 1 s and {@code maxDelaySeconds}; its baseline sends unscheduled jobs at the
     * same rate for {@link #latencySeconds}.
     */
    public record Scheduled(int jobs, int seconds, int maxDelaySeconds) {

        /** Jobs per second, enqueued and (on average) due. */
        public double rate() {
            return (double) jobs / seconds;
        }
    }

    public static final BenchMode FULL = new BenchMode("full", 3, 50_000, 50_000, 1000, 30, 100_000, 20, 1000, 30, 10_000,
            new Scheduled(100_000, 600, 120));
    public static final BenchMode QUICK = new BenchMode("quick", 1, 10_000, 50_000, 1000, 10, 30_000, 8, 1000, 10, 10_000,
            new Scheduled(20_000, 120, 30));
    public static final BenchMode SMOKE = new BenchMode("smoke", 1, 300, 600, 100, 3, 1_000, 3, 20, 3, 40,
            new Scheduled(300, 5, 3));

    private static final List<BenchMode> ALL = List.of(FULL, QUICK, SMOKE);

    /**
     * JVM options of the Payara nodes beyond the heap: none where figures count; in smoke mode,
     * whose figures mean nothing, only the first JIT tier, which halves a node's boot CPU.
     */
    public List<String> nodeJvmOptions() {
        return this == SMOKE ? List.of("-XX:TieredStopAtLevel=1") : List.of();
    }

    /** The mode called {@code name} ({@code full}, {@code quick} or {@code smoke}). */
    public static Optional<BenchMode> named(String name) {
        return ALL.stream().filter(m -> m.name.equals(name)).findFirst();
    }
}

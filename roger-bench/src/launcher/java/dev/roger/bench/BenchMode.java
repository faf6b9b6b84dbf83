package dev.roger.bench;

import java.util.List;

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
 * @param idleSeconds      how long the many-tenants case measures idle CPU
 */
public record BenchMode(String name, int repetitions, int jobs, int warmUpJobs, int latencyRate, int latencySeconds,
                        int fairnessBacklog, int fairnessSeconds, int tenants, int idleSeconds) {

    public static final BenchMode FULL = new BenchMode("full", 3, 50_000, 50_000, 1000, 30, 100_000, 20, 1000, 30);
    public static final BenchMode QUICK = new BenchMode("quick", 1, 10_000, 50_000, 1000, 10, 30_000, 8, 1000, 10);
    public static final BenchMode SMOKE = new BenchMode("smoke", 1, 300, 600, 100, 3, 1_000, 3, 20, 3);

    private static final List<BenchMode> ALL = List.of(FULL, QUICK, SMOKE);

    /**
     * JVM options of the Payara nodes beyond the heap: none where figures count; in smoke mode,
     * whose figures mean nothing, only the first JIT tier, which halves a node's boot CPU.
     */
    public List<String> nodeJvmOptions() {
        return this == SMOKE ? List.of("-XX:TieredStopAtLevel=1") : List.of();
    }

    /**
     * The mode named by the arguments ({@code --full}, {@code --quick} or {@code --smoke}; none
     * means full). Maven passes {@code -Dbench.args} as one argument, so words are split here.
     *
     * @throws BenchFailure for anything else, listing what is accepted
     */
    public static BenchMode fromArguments(String[] args) {
        BenchMode mode = FULL;
        for (String arg : args) {
            for (String word : arg.strip().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                mode = ALL.stream().filter(m -> word.equals("--" + m.name)).findFirst()
                        .orElseThrow(() -> new BenchFailure("Unknown argument '" + word
                                + "': use --full (default), --quick or --smoke"));
            }
        }
        return mode;
    }
}

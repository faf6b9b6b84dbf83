package dev.roger.bench.peers;

import dev.roger.bench.BenchFailure;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What PerfTest reports at the end of a run: its average receive rate and its consumer latency
 * percentiles over the whole run (the per-second lines before them are not used).
 *
 * @param receivedPerSecond average receive rate, messages per second
 * @param latencyP50Micros  median publish-to-consume latency
 * @param latencyP99Micros  99th percentile publish-to-consume latency
 */
public record PerfTestOutput(double receivedPerSecond, long latencyP50Micros, long latencyP99Micros) {

    private static final Pattern RECEIVED = Pattern.compile("receiving rate avg: (\\d+(?:\\.\\d+)?) msg/s");
    // The summary line, not the per-second ones (which say "... 99th consumer latency:").
    private static final Pattern LATENCY = Pattern.compile(
            "consumer latency min/median/75th/95th/99th (\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+) ");

    /**
     * Reads PerfTest's console output.
     *
     * @throws BenchFailure when the summary is not there (PerfTest failed; its output says why)
     */
    public static PerfTestOutput parse(String output) {
        Matcher received = RECEIVED.matcher(output);
        Matcher latency = LATENCY.matcher(output);
        if (!received.find() || !latency.find()) {
            throw new BenchFailure("PerfTest printed no summary (receiving rate and consumer latency)");
        }
        return new PerfTestOutput(Double.parseDouble(received.group(1)), Long.parseLong(latency.group(2)),
                Long.parseLong(latency.group(5)));
    }
}

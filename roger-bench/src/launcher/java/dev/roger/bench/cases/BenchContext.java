package dev.roger.bench.cases;

import dev.roger.bench.BenchConfig;
import dev.roger.bench.BenchFailure;
import dev.roger.bench.measure.ProcStats;
import dev.roger.bench.BenchMode;
import dev.roger.bench.app.BenchJobs;
import dev.roger.bench.broker.Broker;
import dev.roger.bench.broker.RabbitmqCtl;
import dev.roger.bench.peers.PerfTestRunner;
import dev.roger.bench.report.Results;
import dev.roger.client.AmqpRogerClient;

/**
 * What every case works with: the run's size and settings, the broker (for housekeeping and its own
 * view), the Java SE Roger client that enqueues, PerfTest, and where results go.
 *
 * @param runId     a few random characters in every partition and queue name of this run, so a run
 *                  never meets a leftover of another
 * @param brokerPid the broker's OS process, to read its CPU time; 0 when it is not on this machine
 */
public record BenchContext(BenchConfig config, BenchMode mode, String runId, Broker broker, RabbitmqCtl ctl,
                           long brokerPid, AmqpRogerClient roger, PerfTestRunner perfTest, Results results) {

    /** The broker's CPU time so far in nanoseconds, or -1 when it cannot be read here. */
    public long brokerCpuNanos() {
        if (brokerPid <= 0) {
            return -1;
        }
        try {
            return ProcStats.cpuNanos(brokerPid);
        } catch (BenchFailure e) {
            return -1;
        }
    }

    /** A partition id of this run: {@code rogerbench-<what>-<runId>-<rep>}. */
    public String partition(String what, int rep) {
        return BenchJobs.PREFIX + what + "-" + runId + "-" + rep;
    }
}

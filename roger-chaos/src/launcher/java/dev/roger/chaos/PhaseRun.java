package dev.roger.chaos;

import dev.roger.chaos.app.ChaosJobs;
import dev.roger.chaos.broker.BrokerSet;
import dev.roger.chaos.db.ExecutionsDb;
import dev.roger.chaos.fault.Fault;
import dev.roger.chaos.fault.FaultRecord;
import dev.roger.chaos.load.JobPlan;
import dev.roger.chaos.load.Producer;
import dev.roger.chaos.load.Segments;
import dev.roger.chaos.node.ChaosNode;
import dev.roger.chaos.report.PhaseResult;
import dev.roger.client.AmqpRogerClient;
import dev.roger.client.amqp.AmqpSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One phase of the suite: boots the nodes on the phase's brokers, sends the jobs while it injects
 * the faults (each halfway through a segment of the jobs, the next segment only after the nodes
 * consume again), waits until every confirmed job ran or nothing moves any more, and collects
 * the figures: the tally, the buried queues, what is left in the queues, the nodes' warnings.
 */
final class PhaseRun {

    private static final Duration STEADY_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration DRAIN_QUIET = Duration.ofSeconds(60);
    private static final Duration EMPTY_FOR = Duration.ofSeconds(5);
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(10);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final String name;
    private final BrokerSet brokers;
    private final List<ChaosNode> nodes;
    private final ExecutionsDb db;
    private final ChaosMode mode;
    private final PrintStream out;
    private final PhaseFigures figures;

    PhaseRun(String name, BrokerSet brokers, List<ChaosNode> nodes, ExecutionsDb db, ChaosMode mode, PrintStream out) {
        this.name = name;
        this.brokers = brokers;
        this.nodes = List.copyOf(nodes);
        this.db = db;
        this.mode = mode;
        this.out = out;
        this.figures = new PhaseFigures(name, brokers, nodes, db);
    }

    /**
     * Runs the phase; a broker or node that does not come up ends it early with {@code failure} set.
     *
     * @param faultsAfterBoot the faults, made once the nodes are up (some pick their target then)
     * @param afterFaults     run once the last fault was recovered from, while the last jobs go
     *                        through (the next phase's nodes boot meanwhile)
     */
    PhaseResult run(Supplier<List<Fault>> faultsAfterBoot, Runnable afterFaults) {
        JobPlan plan = new JobPlan(name.charAt(0) + "-", mode.jobs(), ChaosJobs.PARTITIONS, mode.minMillis(),
                mode.maxMillis(), 42);
        List<FaultRecord> records = new ArrayList<>();
        Producer producer = null;
        String failure = null;
        long start = System.nanoTime();
        Map<String, List<String>> members = Map.of();
        long boot = System.nanoTime();
        double bootSeconds = 0;
        try (AmqpRogerClient client = bootAndConnect()) {
            bootSeconds = (System.nanoTime() - boot) / 1e9;
            members = figures.queueMembers();
            List<Fault> faults = faultsAfterBoot.get();
            Segments segments = new Segments(plan.size(), faults.size());
            producer = new Producer(client, plan, segments, mode.rate(), ChaosMode.GIVE_UP);
            out.printf("[%s] sending %,d jobs at %.0f/s; %d faults: %s%n", name, plan.size(), mode.rate(),
                    faults.size(), faults.stream().map(Fault::name).toList());
            start = System.nanoTime();
            producer.start();
            Progress progress = new Progress(producer, plan, start);
            for (int k = 0; k < faults.size(); k++) {
                while (producer.submitted() < segments.injectionPoint(k)) {
                    progress.maybePrint();
                    Thread.sleep(100);
                }
                records.add(inject(faults.get(k), producer, start));
                producer.openSegment(k + 1);
            }
            afterFaults.run();
            while (!producer.awaitSettled(Duration.ofSeconds(1))) {
                progress.maybePrint();
            }
            drain(producer, plan, progress);
        } catch (ChaosFailure e) {
            failure = e.getMessage();
            out.println("[" + name + "] FAILED: " + failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } finally {
            if (producer != null) {
                producer.close();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return figures.collect(plan, producer == null ? null : producer.ledger(), records, members, bootSeconds, seconds,
                failure);
    }

    private AmqpRogerClient bootAndConnect() throws InterruptedException {
        out.printf("[%s] starting %d Payara Micro nodes on %s ...%n", name, nodes.size(),
                AmqpSettings.redact(brokers.amqpUri()));
        long boot = System.nanoTime();
        nodes.stream().filter(n -> !n.isAlive()).forEach(ChaosNode::start);
        awaitSteady(boot);
        out.printf("[%s] nodes up and consuming after %.0f s: %s%n", name, (System.nanoTime() - boot) / 1e9,
                nodes.stream().map(ChaosNode::label).toList());
        return AmqpRogerClient.connect(brokers.amqpUri());
    }

    private FaultRecord inject(Fault fault, Producer producer, long phaseStart) throws InterruptedException {
        int sent = producer.submitted();
        out.printf("[%s] t+%.0fs FAULT %s (%,d jobs sent) ...%n", name, (System.nanoTime() - phaseStart) / 1e9,
                fault.name(), sent);
        Instant phaseStartedAt = Instant.now().minusNanos(System.nanoTime() - phaseStart);
        Fault.Outcome outcome = fault.inject();
        Instant struck = outcome.struckAt();
        long struckNanos = System.nanoTime() - Duration.between(struck, Instant.now()).toNanos();
        String steady = awaitSteady(struckNanos);
        double recovery = (System.nanoTime() - struckNanos) / 1e9;
        String detail = outcome.detail() + "; " + steady;
        out.printf("[%s]   %s%s%n", name, detail, outcome.problem() == null ? "" : " -- PROBLEM: " + outcome.problem());
        return new FaultRecord(fault.name(), struck, Duration.between(phaseStartedAt, struck).toMillis() / 1000.0, sent,
                detail, outcome.problem(), recovery);
    }

    /**
     * Waits until every node's application answers and every main queue has at least one
     * consumer per node (and, in a cluster, all its members online).
     *
     * @return when each of those was reached, counted from {@code since}
     * @throws ChaosFailure when that does not happen in time
     */
    private String awaitSteady(long since) throws InterruptedException {
        for (ChaosNode node : nodes) {
            node.awaitUp();
        }
        long deadline = System.nanoTime() + STEADY_TIMEOUT.toNanos();
        String last = "";
        double consumedAt = -1;
        while (System.nanoTime() < deadline) {
            Map<String, Integer> consumers = brokers.consumers(ChaosJobs.QUEUES);
            if (consumedAt < 0 && consumers.values().stream().allMatch(n -> n >= nodes.size())) {
                consumedAt = (System.nanoTime() - since) / 1e9;
            }
            if (brokers.nodes().size() == 1 && consumedAt >= 0) {
                return String.format("every node consuming (again) %.1f s after the fault", consumedAt);
            }
            boolean online = brokers.nodes().size() > 1 && brokers.queues().stream()
                    .filter(q -> ChaosJobs.QUEUES.contains(q.name()))
                    .allMatch(q -> q.online().size() == brokers.nodes().size());
            if (consumedAt >= 0 && online) {
                return String.format("every node consuming (again) %.1f s and every quorum member online %.1f s "
                        + "after the fault", consumedAt, (System.nanoTime() - since) / 1e9);
            }
            last = "consumers " + consumers + (online ? "" : ", quorum members not all online");
            Thread.sleep(500);
        }
        throw new ChaosFailure("The nodes did not all consume again within " + STEADY_TIMEOUT.toMinutes()
                + " min: " + last);
    }

    /**
     * Waits until every confirmed job was executed and the suite's queues (but the buried ones)
     * are empty. Stops early when those queues stayed empty for {@link #EMPTY_FOR} (nothing more
     * can run: the missing jobs are lost), when nothing changed for {@link #DRAIN_QUIET}, or
     * after {@link #DRAIN_LIMIT}.
     */
    private void drain(Producer producer, JobPlan plan, Progress progress) throws InterruptedException {
        long limit = System.nanoTime() + DRAIN_LIMIT.toNanos();
        long lastChange = System.nanoTime();
        long emptySince = 0;
        String lastState = "";
        while (System.nanoTime() < limit) {
            Map<String, Integer> executions = db.executions(plan.prefix());
            long missing = producer.ledger().confirmed().stream().filter(id -> !executions.containsKey(id)).count();
            long pending = figures.leftInQueues().entrySet().stream().filter(e -> !e.getKey().endsWith(".buried"))
                    .mapToLong(Map.Entry::getValue).sum();
            if (missing == 0 && pending == 0) {
                return;
            }
            long now = System.nanoTime();
            if (pending > 0) {
                emptySince = 0;
            } else if (emptySince == 0) {
                emptySince = now;
            } else if (now - emptySince > EMPTY_FOR.toNanos()) {
                out.printf("[%s] the queues are empty but %d confirmed jobs were not executed%n", name, missing);
                return;
            }
            String state = missing + "/" + pending + "/" + executions.values().stream().mapToInt(i -> i).sum();
            if (!state.equals(lastState)) {
                lastState = state;
                lastChange = now;
            } else if (now - lastChange > DRAIN_QUIET.toNanos()) {
                out.printf("[%s] nothing moved for %d s: %d confirmed jobs not executed, %d messages waiting%n",
                        name, DRAIN_QUIET.toSeconds(), missing, pending);
                return;
            }
            progress.maybePrint();
            Thread.sleep(2000);
        }
        out.printf("[%s] drain stopped after %d min%n", name, DRAIN_LIMIT.toMinutes());
    }

    /** A progress line every {@link #PROGRESS_EVERY}. */
    private final class Progress {
        private final Producer producer;
        private final JobPlan plan;
        private final long start;
        private long next;

        Progress(Producer producer, JobPlan plan, long start) {
            this.producer = producer;
            this.plan = plan;
            this.start = start;
            this.next = start + PROGRESS_EVERY.toNanos();
        }

        void maybePrint() {
            if (System.nanoTime() < next) {
                return;
            }
            next = System.nanoTime() + PROGRESS_EVERY.toNanos();
            out.printf("[%s] t+%.0fs sent %,d/%,d, confirmed %,d, executed %,d, enqueue errors %,d%n", name,
                    (System.nanoTime() - start) / 1e9, producer.submitted(), plan.size(),
                    producer.ledger().confirmed().size(), db.executions(plan.prefix()).size(),
                    producer.ledger().failedAttempts());
        }
    }
}

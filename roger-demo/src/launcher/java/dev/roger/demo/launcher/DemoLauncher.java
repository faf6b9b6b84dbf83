package dev.roger.demo.launcher;

import dev.roger.api.RogerException;
import dev.roger.client.AmqpRogerClient;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Runs the Roger demo from the command line: starts Payara Micro with the resource adapter and
 * the demo application, enqueues a few thousand jobs over three partitions from plain Java SE,
 * shows their progress, and prints a summary. Exits 0 only when every job is accounted for, so the
 * demo doubles as an end-to-end smoke test.
 *
 * <p>Run it through Maven, which builds and copies what it needs:
 * {@code mvn -q -pl roger-demo -am package -Pdemo -DskipTests} (add {@code -Ddemo.jobs=N} for
 * another number of jobs; {@code ROGER_AMQP_URI} selects another broker). With {@code
 * -Ddemo.console=true} the node also runs {@code roger-console.war}; after the summary the launcher
 * prints the console's URL and a login it created, and keeps the node running until Ctrl-C.
 */
public final class DemoLauncher {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final int PRODUCER_THREADS = 8;
    private static final long PLAN_SEED = 42;

    private final DemoSettings settings;
    private final PrintStream out;

    private DemoLauncher(DemoSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) {
        int code;
        try {
            code = new DemoLauncher(DemoSettings.fromEnvironment(), System.out).run();
        } catch (DemoFailure e) {
            System.out.println();
            System.out.println("DEMO FAILED: " + e.getMessage());
            code = 1;
        } catch (InterruptedException e) {
            System.out.println("DEMO INTERRUPTED");
            code = 130;
        }
        System.exit(code);
    }

    private int run() throws InterruptedException {
        out.printf("Roger demo: %d jobs over partitions %s, broker %s%n", settings.jobs(),
                String.join(", ", settings.partitionIds()), settings.redactedUri());
        DemoQueues queues = new DemoQueues(settings.amqpUri(), settings.partitions());
        // Also at the start: a run that was killed may have left jobs behind.
        queues.delete();

        int port = FreePort.find();
        ConsoleLogin login = settings.console() ? ConsoleLogin.create(settings.dir()) : null;
        PayaraMicro payara = PayaraMicro.start(settings, port, login == null ? null : login.postBootFile());
        Cleanup cleanup = new Cleanup(payara, queues, out).onShutdown();
        Outcome outcome;
        boolean keepRunning = false;
        try {
            out.printf("Starting Payara Micro on port %d (log: %s) ...%n", port, payara.log());
            StatsClient stats = new StatsClient(port);
            Duration boot = payara.awaitReady(stats::isUp, STARTUP_TIMEOUT);
            out.printf("Payara Micro is up after %.1f s; %s answers.%n", boot.toMillis() / 1000.0, stats.uri());
            outcome = runJobs(stats, payara);
            SummaryTable.print(outcome, out);
            keepRunning = login != null;
        } finally {
            if (!keepRunning) {
                cleanup.run();
            }
        }
        int verdict = verdict(outcome);
        if (keepRunning) {
            showConsole(port, login, payara);
        }
        return verdict;
    }

    /** Prints where the console is and how to log in, then waits until Ctrl-C (the clean-up hook stops the node). */
    private void showConsole(int port, ConsoleLogin login, PayaraMicro payara) throws InterruptedException {
        String url = "http://127.0.0.1:" + port + "/roger-console/";
        out.println();
        out.println("The web console runs on the demo node:");
        out.println("  " + url);
        out.printf("  login: %s / %s (role roger-admin; made for this run only)%n", login.user(), login.password());
        out.println("  REST API: " + url + "api/openapi.json");
        out.println("The node keeps running; press Ctrl-C to stop it and delete the demo's queues.");
        payara.awaitExit();
        out.println("Payara Micro ended.");
    }

    private Outcome runJobs(StatsClient stats, PayaraMicro payara) throws InterruptedException {
        JobPlan plan = JobPlan.create(settings.jobs(), settings.partitionIds(), PLAN_SEED);
        out.printf("Enqueueing %d jobs (%d set to fail) from %d threads ...%n", plan.size(), plan.failing(),
                PRODUCER_THREADS);
        try (AmqpRogerClient roger = AmqpRogerClient.connect(settings.amqpUri());
             Producer producer = new Producer(roger, PRODUCER_THREADS)) {
            long start = System.nanoTime();
            producer.start(plan);
            ProgressMonitor.Result progress = new ProgressMonitor(stats, producer, payara, plan, out).await(start);
            return new Outcome(plan, progress, producer.enqueued(), producer.enqueuedFailing(), producer.failed(),
                    producer.firstError());
        } catch (RogerException e) {
            throw new DemoFailure("Cannot enqueue: " + e.getMessage(), e);
        }
    }

    private int verdict(Outcome outcome) {
        out.println();
        if (outcome.problems().isEmpty()) {
            out.printf("OK: all %d jobs accounted for (%d ran, %d failed on purpose).%n",
                    outcome.enqueued(), outcome.stats().runs(), outcome.stats().errors());
            return 0;
        }
        out.println("DEMO FAILED:");
        outcome.problems().forEach(p -> out.println("  - " + p));
        out.println("  Payara's log: " + settings.dir().resolve(PayaraMicro.LOG_FILE));
        return 1;
    }
}

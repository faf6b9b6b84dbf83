package dev.roger.bench.node;

import dev.roger.bench.BenchConfig;
import dev.roger.bench.BenchFailure;
import dev.roger.bench.app.BenchJobs;
import dev.roger.bench.broker.RabbitmqCtl;
import dev.roger.demo.launcher.ConsoleLogin;
import dev.roger.demo.launcher.DemoFailure;
import dev.roger.demo.launcher.FreePort;
import dev.roger.demo.launcher.PayaraMicro;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Payara Micro node running Roger's RAR and the benchmark WAR, configured through a post-boot
 * file ({@link PostBootFile}). The process control is the demo launcher's {@link PayaraMicro};
 * this adds what the benchmark needs on top: the pools, the adapter's properties, and the checks
 * that all of it took effect.
 */
public final class PayaraNode implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PayaraNode.class.getName());

    /** MDB pool and work threads: room for the 100-worker case plus the fairness case's 36 workers, with margin. */
    public static final int POOL_SIZE = 256;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration ACTIVATION_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final PayaraMicro payara;
    private final BenchApp app;
    private final List<String> unsupportedAdapterProperties;

    private final Optional<Console> console;

    /**
     * The node's {@code roger-console.war}.
     *
     * @param url      its root, e.g. {@code http://127.0.0.1:8080/roger-console}
     * @param user     a user of group {@code roger-admin}
     * @param password its password
     */
    public record Console(String url, String user, String password) {
    }

    private PayaraNode(String name, PayaraMicro payara, BenchApp app, List<String> unsupportedAdapterProperties,
                       Optional<Console> console) {
        this.console = console;
        this.name = name;
        this.payara = payara;
        this.app = app;
        this.unsupportedAdapterProperties = unsupportedAdapterProperties;
    }

    /**
     * Starts a node and waits until the application answers and the boot checks pass.
     *
     * @param adapterProperties Roger resource adapter properties, e.g. {@code maxConcurrentJobs}
     * @param ctl               to see on the broker that Roger activated the application's beans
     * @param withConsole       also deploy {@code roger-console.war}, with a console user of its own
     * @param jvmOptions        JVM options after the fixed heap, e.g. the smoke mode's
     * @throws BenchFailure with the log's tail when it does not come up right
     */
    public static PayaraNode start(BenchConfig config, String name, Map<String, String> adapterProperties,
                                   RabbitmqCtl ctl, boolean withConsole, List<String> jvmOptions)
            throws InterruptedException {
        int port = FreePort.find();
        PayaraMicro payara;
        Optional<Console> console = Optional.empty();
        try {
            PayaraMicro.requireFiles(config.dir(), withConsole
                            ? List.of("payara-micro.jar", "roger-ra.rar", "roger-bench.war", "roger-console.war")
                            : List.of("payara-micro.jar", "roger-ra.rar", "roger-bench.war"),
                    "Run the benchmark through Maven, which copies it there: "
                            + "mvn -q -pl roger-bench -am package -Pbench -DskipTests");
            List<String> extra = List.of();
            List<String> deploy = new java.util.ArrayList<>(List.of("--deploy", "roger-bench.war"));
            if (withConsole) {
                ConsoleLogin login = ConsoleLogin.create(Files.createDirectories(config.dir().resolve(name + "-console")));
                extra = Files.readAllLines(login.postBootFile());
                deploy.addAll(List.of("--deploy", "roger-console.war"));
                console = Optional.of(new Console("http://127.0.0.1:" + port + "/roger-console", login.user(),
                        login.password()));
            }
            var postBoot = PostBootFile.write(config.dir().resolve(name + "-postboot.txt"), POOL_SIZE,
                    adapterProperties, config.dir().resolve("roger-ra.rar"), extra);
            List<String> arguments = new java.util.ArrayList<>(List.of("--postbootcommandfile", postBoot.toString()));
            arguments.addAll(deploy);
            payara = PayaraMicro.start(config.dir(), name, port, config.amqpUri(),
                    java.util.stream.Stream.concat(java.util.stream.Stream.of("-Xmx" + config.payaraHeap()),
                            jvmOptions.stream()).toList(), arguments);
        } catch (IOException e) {
            throw new BenchFailure("Cannot write the console's user files for node " + name + ": " + e.getMessage(), e);
        } catch (DemoFailure e) {
            throw new BenchFailure(e.getMessage(), e);
        }
        try {
            BenchApp app = new BenchApp(port);
            Duration took = payara.awaitReady(app::isUp, STARTUP_TIMEOUT);
            List<String> unsupported = PostBootFile.verify(readLog(payara), POOL_SIZE, adapterProperties);
            awaitActivation(payara, ctl);
            LOG.log(Level.INFO, "Payara Micro node {0} (pid {1}) is up after {2} s; log {3}", name,
                    payara.pid(), took.toSeconds(), payara.log());
            return new PayaraNode(name, payara, app, unsupported, console);
        } catch (DemoFailure | BenchFailure e) {
            String tail = payara.tail();
            payara.stop();
            throw new BenchFailure("Payara Micro node " + name + ": " + e.getMessage() + "\n" + tail, e);
        }
    }

    /**
     * Waits until the broker shows a consumer on the queue the beans declare. A WAR deployed before
     * the RAR answers HTTP but never activates its beans; this catches that, and a broker that
     * does not take the node's connection.
     */
    private static void awaitActivation(PayaraMicro payara, RabbitmqCtl ctl) throws InterruptedException {
        long deadline = System.nanoTime() + ACTIVATION_TIMEOUT.toNanos();
        while (!ctl.consumedQueues(BenchJobs.DECLARED_QUEUE).contains(BenchJobs.DECLARED_QUEUE)) {
            payara.requireAlive();
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("no consumer on " + BenchJobs.DECLARED_QUEUE + " after "
                        + ACTIVATION_TIMEOUT.toSeconds() + " s: Roger did not activate the benchmark's beans (RAR "
                        + "deployed after the WAR?) or cannot reach the broker");
            }
            Thread.sleep(250);
        }
    }

    private static String readLog(PayaraMicro payara) {
        try {
            return new String(Files.readAllBytes(payara.log()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchFailure("Cannot read " + payara.log() + ": " + e.getMessage(), e);
        }
    }

    /** The node's console, when it was started with one. */
    public Optional<Console> console() {
        return console;
    }

    public BenchApp app() {
        return app;
    }

    public long pid() {
        return payara.pid();
    }

    public String name() {
        return name;
    }

    /** Adapter properties the deployed RAR has no setter for: Payara ignored them (with a warning). */
    public List<String> unsupportedAdapterProperties() {
        return unsupportedAdapterProperties;
    }

    /** @throws BenchFailure with the log's tail when the node has exited */
    public void requireAlive() {
        try {
            payara.requireAlive();
        } catch (DemoFailure e) {
            throw new BenchFailure("Payara Micro node " + name + ": " + e.getMessage(), e);
        }
    }

    /** Stops the node (kills it after a grace period). Idempotent. */
    @Override
    public void close() throws InterruptedException {
        payara.stop();
    }
}

package dev.roger.demo.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Payara Micro as a child process running the resource adapter and an application (the demo WAR,
 * or the benchmark's, which reuses this class through the module's test-jar). Its output goes to a
 * log file rather than the console, so the launcher's own output stays readable; the log tail is
 * shown only when something goes wrong.
 */
public final class PayaraMicro {

    /** The demo node's name: its log is {@code payara.log}, its root directory {@code payara-root}. */
    static final String DEMO_NODE = "payara";
    static final String LOG_FILE = DEMO_NODE + ".log";
    private static final int TAIL_LINES = 40;
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Process process;
    private final Path log;

    private PayaraMicro(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts Payara Micro on {@code port}, deploying the RAR before the WAR: the application's
     * message-driven beans need the adapter to exist when they are activated.
     *
     * @throws DemoFailure when a file is missing or the JVM cannot be started
     */
    static PayaraMicro start(DemoSettings settings, int port) {
        return start(settings, port, null);
    }

    /**
     * As {@link #start(DemoSettings, int)}; with a {@code postBootFile} (the console's user) also
     * runs that file's asadmin commands and deploys {@code roger-console.war} after the demo WAR.
     */
    static PayaraMicro start(DemoSettings settings, int port, Path postBootFile) {
        String hint = "Run the demo through Maven, which copies it there: mvn -q -pl roger-demo -am package -Pdemo -DskipTests";
        requireFiles(settings.dir(), List.of("payara-micro.jar", "roger-ra.rar", "roger-demo.war"), hint);
        List<String> arguments = new ArrayList<>(List.of("--deploy", "roger-ra.rar", "--deploy", "roger-demo.war"));
        if (postBootFile != null) {
            requireFiles(settings.dir(), List.of("roger-console.war"), hint);
            arguments.addAll(List.of("--postbootcommandfile", postBootFile.toString(), "--deploy", "roger-console.war"));
        }
        return start(settings.dir(), DEMO_NODE, port, settings.amqpUri(), List.of("-Xmx512m"), arguments);
    }

    /**
     * Starts {@code dir/payara-micro.jar} as node {@code name}: its log is {@code dir/<name>.log}
     * and its root directory {@code dir/<name>-root}, emptied first. The adapter's broker is
     * {@code amqpUri} (as {@code -Droger.amqp.uri}).
     *
     * @param jvmOptions      options before {@code -jar}, e.g. {@code -Xmx1g}
     * @param payaraArguments what follows Payara's own {@code --nocluster --port --rootDir}: the
     *                        {@code --deploy} archives (the RAR first) or a {@code --postbootcommandfile}
     * @throws DemoFailure when the JVM cannot be started
     */
    public static PayaraMicro start(Path dir, String name, int port, String amqpUri, List<String> jvmOptions,
                                    List<String> payaraArguments) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-Droger.amqp.uri=" + amqpUri);
        // Whatever Payara puts in the temp directory stays under target/ too.
        command.add("-Djava.io.tmpdir=" + mkdirs(dir.resolve("tmp")));
        command.addAll(List.of("-jar", "payara-micro.jar",
                "--nocluster",
                "--port", Integer.toString(port),
                "--rootDir", freshDir(dir.resolve(name + "-root")).toString()));
        command.addAll(payaraArguments);
        Path log = dir.resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new PayaraMicro(process, log);
        } catch (IOException e) {
            // Not the whole command line: it holds the broker password.
            throw new DemoFailure("Cannot start Payara Micro with " + java + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks that the files a launch needs are in {@code dir}.
     *
     * @param hint what to do about a missing one, appended to the message
     * @throws DemoFailure naming the first missing file
     */
    public static void requireFiles(Path dir, List<String> files, String hint) {
        for (String file : files) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new DemoFailure(dir.resolve(file) + " is missing. " + hint);
            }
        }
    }

    /**
     * An empty directory. Payara Micro records its deployments in its root directory and, given an
     * old one, deploys them again at boot before the {@code --deploy} ones: the application would
     * answer early, then be redeployed under the launcher's feet.
     */
    private static Path freshDir(Path dir) {
        if (Files.exists(dir)) {
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new DemoFailure("Cannot empty " + dir + ": " + e.getMessage(), e);
            }
        }
        return mkdirs(dir);
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DemoFailure("Cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until {@code ready} is true, checking twice a second.
     *
     * @return how long it took
     * @throws DemoFailure with the log's tail when Payara exits or the time is up
     */
    public Duration awaitReady(BooleanSupplier ready, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            requireAlive();
            if (System.nanoTime() > deadline) {
                throw new DemoFailure("Payara Micro was not ready within " + timeout.toSeconds() + " s.\n" + tail());
            }
            Thread.sleep(500);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** @throws DemoFailure with the log's tail when Payara has exited */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new DemoFailure("Payara Micro exited with code " + process.exitValue() + ".\n" + tail());
        }
    }

    /** The last lines of Payara's log, framed for the console. */
    public String tail() {
        List<String> lines;
        try {
            // Decoded leniently: a stray byte in the log must not hide the rest of it.
            lines = List.of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\\R"));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return "---- last " + last.size() + " lines of " + log + " ----\n" + String.join("\n", last)
                + "\n---- end of " + log.getFileName() + " ----";
    }

    public Path log() {
        return log;
    }

    /** The operating system's id of the Payara Micro JVM, e.g. to read its {@code /proc} entries. */
    public long pid() {
        return process.pid();
    }

    /** Whether the Payara Micro JVM still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the Payara Micro JVM ends (the launcher's Ctrl-C stops it through the clean-up). */
    public void awaitExit() throws InterruptedException {
        process.waitFor();
    }

    /** Asks Payara to shut down, and kills it if it has not within the grace period. Idempotent. */
    public void stop() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}

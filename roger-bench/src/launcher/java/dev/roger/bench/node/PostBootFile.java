package dev.roger.bench.node;

import dev.roger.bench.BenchFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The asadmin commands a benchmark node runs at boot, and the check that they worked. The pools are
 * raised because a hundred workers need a hundred MDB instances and work threads (the MDB pool's
 * default maximum is 32); each {@code set} is read back with {@code get}, so a wrong property name
 * fails the boot instead of silently capping concurrency. The adapter's configuration must come
 * before the RAR's deployment, and the RAR before the WAR (which Payara deploys after these).
 */
final class PostBootFile {

    static final String MDB_POOL = "configs.config.server-config.mdb-container.max-pool-size";
    static final String WORK_THREADS = "configs.config.server-config.thread-pools.thread-pool.thread-pool-1.max-thread-pool-size";
    private static final Pattern RESULT = Pattern.compile("Boot Command (\\S+) returned with result (\\S+)");

    private PostBootFile() {
    }

    /** Writes the commands to {@code file}, {@code extra} (e.g. users of the console) before the RAR's deployment. */
    static Path write(Path file, int poolSize, Map<String, String> adapterProperties, Path rar, List<String> extra) {
        List<String> lines = new ArrayList<>();
        lines.add("set " + MDB_POOL + "=" + poolSize);
        lines.add("set " + WORK_THREADS + "=" + poolSize);
        lines.add("get " + MDB_POOL);
        lines.add("get " + WORK_THREADS);
        if (!adapterProperties.isEmpty()) {
            lines.add("create-resource-adapter-config --property " + adapterProperties.entrySet().stream()
                    .map(e -> escape(e.getKey()) + "=" + escape(e.getValue())).collect(Collectors.joining(":"))
                    + " roger-ra");
        }
        lines.addAll(extra);
        // Named roger-ra: the application's connection factory names the adapter so.
        lines.add("deploy --name roger-ra " + rar);
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new BenchFailure("Cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** asadmin's property syntax: ':' separates properties, '=' key and value; both are escaped. */
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }

    /**
     * Checks the log of a node that booted: every boot command succeeded and the pool sizes read
     * back as set.
     *
     * @return adapter properties Payara reported it has no setter for (an adapter that does not know them yet)
     * @throws BenchFailure naming what is wrong
     */
    static List<String> verify(String log, int poolSize, Map<String, String> adapterProperties) {
        Matcher m = RESULT.matcher(log);
        List<String> failed = new ArrayList<>();
        int commands = 0;
        while (m.find()) {
            commands++;
            if (!"SUCCESS".equals(m.group(2))) {
                failed.add(m.group(1) + " (" + m.group(2) + ")");
            }
        }
        if (!failed.isEmpty()) {
            throw new BenchFailure("Payara's post-boot commands failed: " + String.join(", ", failed));
        }
        if (commands == 0) {
            throw new BenchFailure("Payara's log shows no post-boot command results");
        }
        for (String property : List.of(MDB_POOL, WORK_THREADS)) {
            if (!log.contains(property + "=" + poolSize)) {
                throw new BenchFailure("Payara did not read back " + property + "=" + poolSize);
            }
        }
        List<String> unsupported = new ArrayList<>();
        for (String property : adapterProperties.keySet()) {
            if (log.contains("No setter method present for the property " + property)) {
                unsupported.add(property);
            }
        }
        return unsupported;
    }
}

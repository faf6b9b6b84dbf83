package dev.roger.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A partition (tenant) and the queues it consumes on this node, each with its number of workers
 * (= consumer prefetch = jobs of that queue running at once on this node).
 *
 * <pre>{@code
 * PartitionSpec spec = PartitionSpec.of("myapp").withQueue("default", 10).withQueue("other", 5);
 * PartitionSpec same = PartitionSpec.parse("myapp[default=10,other=5]");
 * }</pre>
 */
public final class PartitionSpec {

    private final String partition;
    private final Map<String, Integer> queues;

    private PartitionSpec(String partition, Map<String, Integer> queues) {
        this.partition = Names.requirePartition(partition);
        this.queues = Collections.unmodifiableMap(new TreeMap<>(queues));
    }

    /** A partition with no queues yet; add them with {@link #withQueue(String, int)}. */
    public static PartitionSpec of(String partition) {
        return new PartitionSpec(partition, Map.of());
    }

    /** A partition with the given queues and worker counts. */
    public static PartitionSpec of(String partition, Map<String, Integer> queues) {
        PartitionSpec spec = of(partition);
        for (Map.Entry<String, Integer> e : queues.entrySet()) {
            spec = spec.withQueue(e.getKey(), e.getValue());
        }
        return spec;
    }

    /** A copy with one more queue (or a new worker count for an existing one). */
    public PartitionSpec withQueue(String queue, int workers) {
        Names.requireQueue(queue);
        if (workers < 1) {
            throw new IllegalArgumentException("Invalid worker count " + workers + " for queue '" + queue
                    + "' of partition '" + partition + "': must be at least 1");
        }
        Map<String, Integer> copy = new LinkedHashMap<>(queues);
        copy.put(queue, workers);
        return new PartitionSpec(partition, copy);
    }

    /** The partition id. */
    public String partition() {
        return partition;
    }

    /** Queue name to worker count, sorted by name. */
    public Map<String, Integer> queues() {
        return queues;
    }

    /**
     * Parses {@code id[queue=workers,...]}; {@code id} alone means {@code id[default=10]}.
     *
     * @throws IllegalArgumentException naming what is wrong and where
     */
    public static PartitionSpec parse(String text) {
        String s = text == null ? "" : text.strip();
        int open = s.indexOf('[');
        if (open < 0) {
            if (s.contains("]") || s.contains("=")) {
                throw new IllegalArgumentException("Invalid partition spec '" + text
                        + "': expected id[queue=workers,...]");
            }
            return of(s).withQueue(Names.DEFAULT_QUEUE, 10);
        }
        if (!s.endsWith("]")) {
            throw new IllegalArgumentException("Invalid partition spec '" + text + "': missing ']' at the end");
        }
        PartitionSpec spec = of(s.substring(0, open).strip());
        String body = s.substring(open + 1, s.length() - 1).strip();
        if (body.isEmpty()) {
            throw new IllegalArgumentException("Invalid partition spec '" + text + "': no queues between [ and ]");
        }
        for (String item : body.split(",")) {
            String[] kv = item.split("=", -1);
            if (kv.length != 2) {
                throw new IllegalArgumentException("Invalid partition spec '" + text + "': '" + item.strip()
                        + "' is not queue=workers");
            }
            String queue = kv[0].strip();
            if (spec.queues.containsKey(queue)) {
                throw new IllegalArgumentException("Invalid partition spec '" + text + "': queue '" + queue
                        + "' is listed twice");
            }
            int workers;
            try {
                workers = Integer.parseInt(kv[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid partition spec '" + text + "': worker count '"
                        + kv[1].strip() + "' of queue '" + queue + "' is not a number");
            }
            spec = spec.withQueue(queue, workers);
        }
        return spec;
    }

    /**
     * Parses several specs separated by ';' or by ',' outside brackets, e.g.
     * {@code myapp[default=10,other=5]; billing[default=2]}. A partition may appear only once.
     */
    public static List<PartitionSpec> parseList(String text) {
        List<PartitionSpec> specs = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return specs;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ';';
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if ((c == ';' || c == ',') && depth == 0 || i == text.length()) {
                String item = text.substring(start, i).strip();
                if (!item.isEmpty()) {
                    PartitionSpec spec = parse(item);
                    if (specs.stream().anyMatch(p -> p.partition.equals(spec.partition))) {
                        throw new IllegalArgumentException("Invalid partitions '" + text + "': partition '"
                                + spec.partition + "' is listed twice");
                    }
                    specs.add(spec);
                }
                start = i + 1;
            }
        }
        return specs;
    }

    /** The same text {@link #parse(String)} reads. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(partition).append('[');
        queues.forEach((q, n) -> sb.append(sb.charAt(sb.length() - 1) == '[' ? "" : ",").append(q).append('=').append(n));
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartitionSpec other && partition.equals(other.partition) && queues.equals(other.queues);
    }

    @Override
    public int hashCode() {
        return partition.hashCode() * 31 + queues.hashCode();
    }
}

package dev.roger.chaos.report;

import dev.roger.chaos.fault.FaultRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which fault most likely caused each duplicate. A job runs twice when its first execution was
 * recorded but its acknowledgement never reached the broker: the connection, the node or the
 * broker went away just after (or while) it ran. So a duplicate is put on the fault injected
 * nearest to the end of its first execution, within 10 s before it to 60 s after it; the rest are
 * counted as having no fault nearby.
 */
public final class DuplicateOrigins {

    static final String NONE = "no fault near its first execution";
    private static final Duration BEFORE = Duration.ofSeconds(10);
    private static final Duration AFTER = Duration.ofSeconds(60);

    private DuplicateOrigins() {
    }

    /**
     * @param firstEnds per duplicated job, when its first execution ended
     * @return per fault ({@code #1 close_all_connections}), how many duplicates it explains
     */
    public static Map<String, Integer> byFault(Map<String, Instant> firstEnds, List<FaultRecord> faults) {
        Map<String, Integer> out = new TreeMap<>();
        for (Instant end : firstEnds.values()) {
            String origin = NONE;
            Duration best = null;
            for (int k = 0; k < faults.size(); k++) {
                FaultRecord f = faults.get(k);
                Duration gap = Duration.between(end, f.injectedAt());
                if (gap.compareTo(BEFORE.negated()) >= 0 && gap.compareTo(AFTER) <= 0
                        && (best == null || gap.abs().compareTo(best) < 0)) {
                    best = gap.abs();
                    origin = "#" + (k + 1) + " " + f.name();
                }
            }
            out.merge(origin, 1, Integer::sum);
        }
        return out;
    }
}

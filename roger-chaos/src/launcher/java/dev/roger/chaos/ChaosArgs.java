package dev.roger.chaos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The launcher's arguments: {@code --short} or {@code --full} (the default), {@code --jobs N} per
 * phase, {@code --phase nodes|cluster} to run one phase only. Maven hands them over as one string
 * ({@code -Dchaos.args="--short --phase cluster"}), so they are split on blanks.
 *
 * @param mode   the run's size
 * @param phases the phases to run, in order
 */
public record ChaosArgs(ChaosMode mode, Set<String> phases) {

    public static final String NODES = "nodes";
    public static final String CLUSTER = "cluster";

    /** @throws IllegalArgumentException naming an unknown or incomplete argument */
    public static ChaosArgs parse(String... raw) {
        List<String> args = new ArrayList<>();
        for (String r : raw) {
            args.addAll(Arrays.stream(r.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList());
        }
        ChaosMode mode = ChaosMode.FULL;
        Integer jobs = null;
        Set<String> phases = new LinkedHashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--short" -> mode = ChaosMode.SHORT;
                case "--full" -> mode = ChaosMode.FULL;
                case "--jobs" -> jobs = Integer.parseInt(value(args, ++i, a));
                case "--phase" -> {
                    String p = value(args, ++i, a);
                    if (!p.equals(NODES) && !p.equals(CLUSTER)) {
                        throw new IllegalArgumentException("--phase must be nodes or cluster, not '" + p + "'");
                    }
                    phases.add(p);
                }
                default -> throw new IllegalArgumentException("Unknown argument '" + a
                        + "': expected --short, --full, --jobs N, --phase nodes|cluster");
            }
        }
        if (phases.isEmpty()) {
            phases.addAll(List.of(NODES, CLUSTER));
        }
        return new ChaosArgs(jobs == null ? mode : mode.withJobs(jobs), Set.copyOf(phases));
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    public boolean runs(String phase) {
        return phases.contains(phase);
    }
}

package dev.roger.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which cases a run runs: all of them, or those named by {@code --only=key,key} (the keys of the
 * results file's {@code cases}, e.g. {@code --only=outbox}), to look at one case without the
 * half hour of the others. A node whose cases are all left out is not started. Such a run is
 * partial, so it writes no results file beside the full ones.
 */
public final class CaseSelection {

    private static final String OPTION = "--only=";

    private final Set<String> only;
    private final List<String> otherWords;

    private CaseSelection(Set<String> only, List<String> otherWords) {
        this.only = only;
        this.otherWords = otherWords;
    }

    /** Reads {@code --only=...} from the arguments (Maven passes {@code -Dbench.args} as one, so words are split). */
    public static CaseSelection fromArguments(String[] args) {
        Set<String> only = new java.util.LinkedHashSet<>();
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            for (String word : arg.strip().split("\\s+")) {
                if (word.startsWith(OPTION)) {
                    Arrays.stream(word.substring(OPTION.length()).split(",")).map(String::strip)
                            .filter(k -> !k.isEmpty()).forEach(only::add);
                    if (only.isEmpty()) {
                        throw new BenchFailure("--only= needs case keys, e.g. --only=outbox");
                    }
                } else if (!word.isEmpty()) {
                    rest.add(word);
                }
            }
        }
        return new CaseSelection(Set.copyOf(only), List.copyOf(rest));
    }

    /** The arguments without {@code --only}, for {@link BenchMode#fromArguments}. */
    public String[] otherArguments() {
        return otherWords.toArray(String[]::new);
    }

    public boolean includes(String key) {
        return only.isEmpty() || only.contains(key);
    }

    public boolean includesAny(String... keys) {
        return Arrays.stream(keys).anyMatch(this::includes);
    }

    /** Whether some cases are left out. */
    public boolean partial() {
        return !only.isEmpty();
    }

    @Override
    public String toString() {
        return only.isEmpty() ? "all cases" : "only " + only.stream().sorted().collect(Collectors.joining(", "));
    }
}

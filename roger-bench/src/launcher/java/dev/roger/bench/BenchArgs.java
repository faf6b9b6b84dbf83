package dev.roger.bench;

import java.util.Set;
import java.util.TreeSet;

/**
 * The command line: the mode ({@code --full}, the default, {@code --quick} or {@code --smoke}) and
 * optionally {@code --case=9} or {@code --case=3,9} (cases 1 to 11), which runs only those cases (and starts only
 * the nodes they need), e.g. to measure one case at full size without the rest's half hour. Maven
 * passes {@code -Dbench.args} as one argument, so words are split here.
 *
 * @param mode  how big the run is
 * @param cases the numbers of the cases to run; empty means all
 */
public record BenchArgs(BenchMode mode, Set<Integer> cases) {

    private static final String CASE = "--case=";
    private static final int LAST_CASE = 11;

    public BenchArgs {
        cases = Set.copyOf(cases);
    }

    /** Whether case {@code number} runs. */
    public boolean runs(int number) {
        return cases.isEmpty() || cases.contains(number);
    }

    /** Whether any of the cases runs (a node is started only for a case that runs on it). */
    public boolean runsAny(int... numbers) {
        for (int n : numbers) {
            if (runs(n)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @throws BenchFailure for anything else, listing what is accepted
     */
    public static BenchArgs parse(String[] args) {
        BenchMode mode = BenchMode.FULL;
        Set<Integer> cases = new TreeSet<>();
        for (String arg : args) {
            for (String word : arg.strip().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (word.startsWith(CASE)) {
                    cases.addAll(caseNumbers(word));
                } else if (word.startsWith("--") && BenchMode.named(word.substring(2)).isPresent()) {
                    mode = BenchMode.named(word.substring(2)).get();
                } else {
                    throw new BenchFailure("Unknown argument '" + word
                            + "': use --full (default), --quick or --smoke, and optionally --case=N[,N...]");
                }
            }
        }
        return new BenchArgs(mode, cases);
    }

    private static Set<Integer> caseNumbers(String word) {
        Set<Integer> out = new TreeSet<>();
        for (String n : word.substring(CASE.length()).split(",")) {
            try {
                int number = Integer.parseInt(n.strip());
                if (number < 1 || number > LAST_CASE) {
                    throw new NumberFormatException();
                }
                out.add(number);
            } catch (NumberFormatException e) {
                throw new BenchFailure("'" + word + "': cases are numbered 1 to " + LAST_CASE);
            }
        }
        return out;
    }
}

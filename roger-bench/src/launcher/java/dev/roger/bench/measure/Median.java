package dev.roger.bench.measure;

import java.util.List;
import java.util.Objects;

/** The median of a case's repetitions: what the results file reports, as one slow run should not move it. */
public final class Median {

    private Median() {
    }

    /** The median of the non-null values, or null when there are none (the case did not run). */
    public static Double of(List<Double> values) {
        double[] v = values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return null;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}

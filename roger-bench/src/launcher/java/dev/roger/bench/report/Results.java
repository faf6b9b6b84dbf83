package dev.roger.bench.report;

import dev.roger.bench.BenchConfig;
import dev.roger.bench.BenchMode;
import dev.roger.bench.measure.Median;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run found: each field's value per repetition (the file reports their median),
 * how each case ended, and notes on what a number means (a cap that the adapter ignored, a backlog
 * that drained early). Fields of cases that did not run stay null.
 */
public final class Results {

    /** How a case ended: ran, or broke with a reason. */
    public record CaseStatus(String label, boolean ok, String error) {
    }

    /** The machine, for the file: figures from two machines do not compare. */
    public record Machine(int cores, long memoryMb) {
    }

    private final BenchMode mode;
    private final LocalDate date;
    private final Machine machine;
    private final BenchConfig.Versions versions;
    private final Map<String, String> otherVersions = new LinkedHashMap<>();
    private final Map<Field, List<Double>> samples = new EnumMap<>(Field.class);
    private final Map<Field, Double> derived = new EnumMap<>(Field.class);
    private final Map<String, CaseStatus> cases = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    public Results(BenchMode mode, LocalDate date, Machine machine, BenchConfig.Versions versions) {
        this.mode = mode;
        this.date = date;
        this.machine = machine;
        this.versions = versions;
    }

    /** One repetition's value of a field. */
    public synchronized void add(Field field, double value) {
        samples.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
    }

    /** A value computed from other fields' medians (a ratio), not sampled. */
    public synchronized void derive(Field field, Double value) {
        derived.put(field, value);
    }

    /** The median of the field's repetitions, or the derived value; null when not measured. */
    public synchronized Double get(Field field) {
        if (derived.containsKey(field)) {
            return derived.get(field);
        }
        List<Double> values = samples.get(field);
        return values == null ? null : Median.of(values);
    }

    public synchronized List<Double> samples(Field field) {
        return List.copyOf(samples.getOrDefault(field, List.of()));
    }

    /** {@code a / b} of the fields' medians, or null when either is missing or b is zero. */
    public Double ratio(Field a, Field b) {
        Double x = get(a);
        Double y = get(b);
        return x == null || y == null || y == 0 ? null : x / y;
    }

    public synchronized void caseRan(String key, String label) {
        cases.put(key, new CaseStatus(label, true, null));
    }

    public synchronized void caseFailed(String key, String label, String error) {
        cases.put(key, new CaseStatus(label, false, error));
    }

    public synchronized Map<String, CaseStatus> cases() {
        return new LinkedHashMap<>(cases);
    }

    public synchronized boolean allCasesRan() {
        return cases.values().stream().allMatch(CaseStatus::ok);
    }

    public synchronized void note(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    public synchronized void version(String what, String version) {
        otherVersions.put(what, version);
    }

    public synchronized Map<String, String> versions() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("roger", versions.roger());
        all.put("payara_micro", versions.payaraMicro());
        all.putAll(otherVersions);
        all.put("perftest", versions.perfTest());
        all.put("jobrunr", versions.jobRunr());
        all.put("java", versions.java());
        return all;
    }

    public BenchMode mode() {
        return mode;
    }

    public LocalDate date() {
        return date;
    }

    public Machine machine() {
        return machine;
    }
}

package dev.roger.console;

import dev.roger.api.admin.PurgeTarget;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Query parameters read by hand, so that a bad value is a 400 with a message (JAX-RS answers 404 when
 * it cannot convert a query parameter).
 */
final class Params {

    private Params() {
    }

    static int nonNegative(String name, String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Said below, with the parameter's name.
        }
        throw new IllegalArgumentException("Query parameter " + name + "=" + value + " is not a whole number >= 0");
    }

    static Duration seconds(String name, String value) {
        return Duration.ofSeconds(nonNegative(name, value));
    }

    static Set<PurgeTarget> targets(List<String> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("Name what to purge: target=QUEUED, RETRYING or BURIED (repeatable)");
        }
        Set<PurgeTarget> targets = EnumSet.noneOf(PurgeTarget.class);
        for (String v : values) {
            try {
                targets.add(PurgeTarget.valueOf(v.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown purge target '" + v + "': QUEUED, RETRYING or BURIED");
            }
        }
        return targets;
    }
}

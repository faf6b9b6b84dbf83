package dev.roger.state;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A recurring job's cron expression, read by cron-utils with Spring's definition: six fields,
 * {@code second minute hour day-of-month month day-of-week} ({@code "0 0/5 * * * *"} is every five
 * minutes), in a time zone. Immutable.
 */
public final class CronSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));

    private final String expression;
    private final ExecutionTime times;

    private CronSchedule(String expression, ExecutionTime times) {
        this.expression = expression;
        this.times = times;
    }

    /**
     * @throws IllegalArgumentException naming the expression and what is wrong with it
     */
    public static CronSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("a cron expression is required (six fields: second minute hour "
                    + "day-of-month month day-of-week, e.g. \"0 */5 * * * *\")");
        }
        try {
            return new CronSchedule(expression.strip(), ExecutionTime.forCron(PARSER.parse(expression.strip())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cron expression \"" + expression + "\": " + e.getMessage()
                    + " (six fields: second minute hour day-of-month month day-of-week, e.g. \"0 */5 * * * *\")", e);
        }
    }

    /**
     * @throws IllegalArgumentException naming the zone when it is not a time zone id
     */
    public static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(id.strip());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("invalid time zone \"" + id + "\": " + e.getMessage()
                    + " (an IANA id such as Europe/Amsterdam, or UTC)", e);
        }
    }

    public String expression() {
        return expression;
    }

    /** The first tick strictly after {@code after}; empty when there is none. */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        // Ticks fall on whole seconds; cron-utils keeps a fraction of its argument in its answer.
        return times.nextExecution(ZonedDateTime.ofInstant(after.truncatedTo(ChronoUnit.SECONDS), zone))
                .map(ZonedDateTime::toInstant);
    }

    /** The last tick at or before {@code now}; empty when there is none. */
    public Optional<Instant> latest(Instant now, ZoneId zone) {
        // lastExecution is strictly before its argument, and ticks fall on whole seconds: asking
        // before the next whole second counts a tick at exactly now too.
        Instant nextSecond = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        return times.lastExecution(ZonedDateTime.ofInstant(nextSecond, zone)).map(ZonedDateTime::toInstant);
    }

    @Override
    public String toString() {
        return expression;
    }
}

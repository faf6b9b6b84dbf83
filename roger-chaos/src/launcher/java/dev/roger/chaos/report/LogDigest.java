package dev.roger.chaos.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WARNING and SEVERE records of Roger's loggers in a Payara Micro log, and any other SEVERE
 * ones, counted by their first message line: what a node said about the faults, without reading
 * thousands of lines. Payara Micro writes a record as
 * {@code [time] [] [LEVEL] [id] [logger] [tid: ...] [timeMillis: ...] [levelValue: ...] message},
 * the message on the same line or, after {@code [[}, on the next ones; levels and loggers in ANSI
 * colours.
 */
public final class LogDigest {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern HEAD = Pattern.compile(
            "^\\[[^\\]]*\\] \\[[^\\]]*\\] \\[(WARNING|SEVERE)\\] \\[[^\\]]*\\] \\[([^\\]]*)\\].*?\\[levelValue: \\d+\\] ?(.*)$");
    private static final int MAX_MESSAGE = 220;

    private LogDigest() {
    }

    /** Per distinct first message line (prefixed with level and logger's simple name), how often it appears. */
    public static Map<String, Integer> rogerWarnings(Path log) {
        try {
            return rogerWarnings(new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Map.of("(cannot read " + log + ": " + e.getMessage() + ")", 1);
        }
    }

    static Map<String, Integer> rogerWarnings(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> lines = List.of(ANSI.matcher(text).replaceAll("").split("\\R"));
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = HEAD.matcher(lines.get(i));
            if (!m.find() || !(m.group(2).startsWith("dev.roger") || m.group(1).equals("SEVERE"))) {
                continue;
            }
            String message = m.group(3).strip();
            if (message.isEmpty() || message.equals("[[")) {
                message = i + 1 < lines.size() ? lines.get(i + 1).strip() : "";
            }
            message = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message;
            String logger = m.group(2).substring(m.group(2).lastIndexOf('.') + 1);
            counts.merge(m.group(1) + " " + logger + ": " + message, 1, Integer::sum);
        }
        return counts;
    }
}

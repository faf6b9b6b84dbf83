package dev.roger.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.Job;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobCodecTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyFieldSurvivesARoundTrip() {
        Job job = Job.builder("send \"mail\"\n").args(Map.of("to", "ann", "n", List.of(1, 2)))
                .partition("acme").queue("mail").queueKey("k\\1").executionKey("e:1").retryable(true)
                .idempotent(true)
                .maxExecutionTime(Duration.ofMillis(1500)).retryCount(3)
                .queuedAt(Instant.parse("2026-11-22T10:00:00.123Z")).startedAt(Instant.parse("2026-11-22T10:00:01Z")).runAt(Instant.parse("2026-11-22T10:00:00.5Z"))
                .build();
        assertEquals(job, JobCodec.decode(JobCodec.encode(job)));
    }

    @Test
    void theBodyIsPlainJsonWithTheArgsEmbedded() {
        Job job = Job.builder("t").id("abc").args(List.of("x")).build();
        assertEquals("{\"id\":\"abc\",\"type\":\"t\",\"args\":[\"x\"],\"retryCount\":0}",
                new String(JobCodec.encode(job), StandardCharsets.UTF_8));
    }

    @Test
    void missingArgsDecodeAsNull() {
        Job job = JobCodec.decode(bytes("{\"id\":\"a\",\"type\":\"t\"}"));
        assertNull(job.argsJson());
        assertEquals(0, job.retryCount());
    }

    @Test
    void badPayloadsAreRejectedWithTheReasonAndTheIdWhenKnown() {
        assertReason(null, "not valid JSON", "{not json");
        assertReason(null, "empty body", "");
        assertReason(null, "JSON array, not a job object", "[1,2]");
        assertReason(null, "job has no id", "{\"type\":\"t\"}");
        assertReason("a1", "job has no type", "{\"id\":\"a1\"}");
        assertReason("a1", "Invalid job type", "{\"id\":\"a1\",\"type\":\" \"}");
        assertReason("a1", "'retryCount' is not an integer", "{\"id\":\"a1\",\"type\":\"t\",\"retryCount\":\"x\"}");
        assertReason("a1", "'queuedAt' is not an ISO-8601 instant", "{\"id\":\"a1\",\"type\":\"t\",\"queuedAt\":\"x\"}");
        assertReason(null, "'id' is not a string", "{\"id\":5,\"type\":\"t\"}");
        assertReason("a b", "Invalid job id", "{\"id\":\"a b\",\"type\":\"t\"}");
        JobDecodeException binary = assertThrows(JobDecodeException.class,
                () -> JobCodec.decode(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3}));
        assertTrue(binary.getMessage().contains("not valid UTF-8"), binary.getMessage());
    }

    @Test
    void malformedUserArgsAreRejectedAtEnqueue() {
        Job bad = Job.builder("t").argsJson("{oops").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JobCodec.requireWellFormed(bad));
        assertTrue(e.getMessage().contains(bad.id()) && e.getMessage().contains("not well-formed JSON"));
        JobCodec.requireWellFormed(Job.builder("t").argsJson("[1,{\"a\":null}]").build());
    }

    private static void assertReason(String id, String reason, String payload) {
        JobDecodeException e = assertThrows(JobDecodeException.class, () -> JobCodec.decode(bytes(payload)));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(id, e.jobId());
    }

    @Test
    void malformedBodiesThatParsersLetThroughOrCrashOnAreRejected() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertReason(null, "nested deeper than 100", "{\"id\":\"a1\",\"type\":\"t\",\"args\":" + deep + "}");
        assertReason("a1", "'retryCount' is out of range", "{\"id\":\"a1\",\"type\":\"t\",\"retryCount\":99999999999999999999999}");
        assertReason("a1", "'retryCount' is out of range", "{\"id\":\"a1\",\"type\":\"t\",\"retryCount\":4294967296}");
        assertReason("a1", "'retryCount' is out of range", "{\"id\":\"a1\",\"type\":\"t\",\"retryCount\":-1}");
        assertReason("a1", "'retryCount' is not an integer", "{\"id\":\"a1\",\"type\":\"t\",\"retryCount\":1.5}");
        assertReason("a1", "'retryable' is not a boolean", "{\"id\":\"a1\",\"type\":\"t\",\"retryable\":\"yes\"}");
        assertReason("a1", "'maxExecutionTimeMs' is out of range", "{\"id\":\"a1\",\"type\":\"t\",\"maxExecutionTimeMs\":0}");
        assertReason("a1", "'maxExecutionTimeMs' is out of range", "{\"id\":\"a1\",\"type\":\"t\",\"maxExecutionTimeMs\":99999999999999999999}");
        assertReason(null, "trailing data", "{\"id\":\"a1\",\"type\":\"t\"} garbage");
        assertReason(null, "trailing data", "{\"id\":\"a1\",\"type\":\"t\"}{\"id\":\"a2\",\"type\":\"t\"}");
        assertReason(null, "not valid JSON", "{\"id\":\"a1\",\"id\":\"a2\",\"type\":\"t\"}");
        JobDecodeException utf8 = assertThrows(JobDecodeException.class, () -> JobCodec.decode(
                new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'}));
        assertTrue(utf8.getMessage().contains("not valid UTF-8"), utf8.getMessage());
        JobDecodeException big = assertThrows(JobDecodeException.class,
                () -> JobCodec.decode(bytes("{\"id\":\"a1\",\"type\":\"t\",\"args\":\"" + "x".repeat(2000) + "\"}"), 1024));
        assertTrue(big.getMessage().contains("over maxJobBytes (1024)"), big.getMessage());
    }

    @Test
    void deepButSaneArgsAndMultiByteTextDecode() {
        String args = "[".repeat(99) + "\"\u00e9\u4e2d\ud83d\ude00 \\\" [{\"" + "]".repeat(99);
        Job job = JobCodec.decode(bytes("{\"id\":\"a1\",\"type\":\"t\",\"args\":" + args + "}"));
        assertTrue(job.argsJson().contains("\u00e9\u4e2d\ud83d\ude00"), job.argsJson());
    }

    @Test
    void enqueueRefusesArgsAConsumerWouldBury() {
        Job deep = Job.builder("t").argsJson("[".repeat(200) + "]".repeat(200)).build();
        assertThrows(IllegalArgumentException.class, () -> JobCodec.requireWellFormed(deep));
        Job trailing = Job.builder("t").argsJson("{} {}").build();
        assertThrows(IllegalArgumentException.class, () -> JobCodec.requireWellFormed(trailing));
    }
}

package dev.roger.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class JobTest {

    public record Mail(String to, List<String> cc) {
    }

    @RogerJob(type = "send-mail", queue = "mail")
    static class AnnotatedBean {
    }

    static class PlainBean {
    }

    @Test
    void idsAreRandomUrlSafeAnd32Characters() {
        String a = Job.newId();
        assertTrue(a.matches("[0-9a-v]{32}"), a);
        assertNotEquals(a, Job.newId());
    }

    @Test
    void argsRoundTripThroughJson() {
        Job job = Job.builder("send-mail").args(new Mail("ann@example.com", List.of("bo@example.com"))).build();
        assertEquals("{\"cc\":[\"bo@example.com\"],\"to\":\"ann@example.com\"}", job.argsJson());
        assertEquals(new Mail("ann@example.com", List.of("bo@example.com")), job.args(Mail.class));
        assertEquals(Map.of("to", "ann@example.com", "cc", List.of("bo@example.com")), job.args(Map.class));
    }

    @Test
    void typeAndQueueComeFromTheListenerClass() {
        Job annotated = Job.builder(AnnotatedBean.class).build();
        assertEquals("send-mail", annotated.type());
        assertEquals("mail", annotated.queue().orElseThrow());
        Job plain = Job.builder(PlainBean.class).build();
        assertEquals("PlainBean", plain.type());
        assertFalse(plain.queue().isPresent());
    }

    @Test
    void builderChecksValuesAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> Job.builder(""));
        assertThrows(IllegalArgumentException.class, () -> Job.builder("t").queue("no-dash"));
        assertThrows(IllegalArgumentException.class, () -> Job.builder("t").maxExecutionTime(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Job.builder("t").retryCount(-1));
        assertThrows(IllegalArgumentException.class, () -> Job.builder("t").id("not/url/safe"));
    }

    @Test
    void toStringNeverShowsArguments() {
        Job job = Job.builder("t").id("x1").args(Map.of("password", "secret")).build();
        assertEquals("Job[id=x1, type=t]", job.toString());
    }

    @Test
    void toBuilderCopiesEverything() {
        Job job = Job.builder("t").args(1).queue("q").partition("p").queueKey("k").executionKey("e")
                .retryable(true).maxExecutionTime(Duration.ofSeconds(3)).retryCount(2).build();
        assertEquals(job, job.toBuilder().build());
    }

    @Test
    void executionKeysMustFitInAQueueNameAndQueueKeysMustNotBeBlank() {
        assertEquals("acct:42@eu-1.x_y", Job.builder("t").executionKey("acct:42@eu-1.x_y").build().executionKey().get());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Job.builder("t").executionKey("a b"));
        assertTrue(e.getMessage().contains("execution key 'a b'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Job.builder("t").executionKey("x".repeat(121)).build());
        assertThrows(IllegalArgumentException.class, () -> Job.builder("t").queueKey(" ").build());
        assertEquals("any key: ünïcode / ok", Job.builder("t").queueKey("any key: ünïcode / ok").build().queueKey().get());
        assertEquals("p-execution-waiting-k.1", Names.waitingQueue("p", "k.1"));
    }
}

package dev.roger.ra.inbound;

import dev.roger.client.wire.FailureHeaders;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BurierTest {

    @Test
    void stackSummaryKeepsTheErrorItsFirstFramesAndCauses() {
        Exception e = new IllegalStateException("outer", new java.io.IOException("inner"));
        String s = FailureHeaders.stackSummary(e);
        assertTrue(s.startsWith("java.lang.IllegalStateException: outer\n\tat dev.roger.ra.inbound.BurierTest"), s);
        assertTrue(s.contains("Caused by: java.io.IOException: inner"), s);
        assertTrue(s.lines().count() < 40, s);
    }

    @Test
    void unwrapRemovesContainerWrappers() {
        RuntimeException cause = new IllegalArgumentException("bad");
        Throwable wrapped = new jakarta.ejb.EJBException(new java.lang.reflect.UndeclaredThrowableException(cause));
        assertTrue(JobRunner.unwrap(wrapped) == cause);
    }
}

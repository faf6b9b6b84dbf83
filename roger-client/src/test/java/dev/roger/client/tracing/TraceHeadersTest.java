package dev.roger.client.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.impl.LongStringHelper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceHeadersTest {

    private static final SpanContext SPAN = SpanContext.create("0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.builder().put("vendor", "x1").build());

    @Test
    void injectsTraceparentAndTracestate() {
        Map<String, Object> headers = new HashMap<>();
        TraceHeaders.inject(Context.root().with(Span.wrap(SPAN)), headers);
        assertEquals("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", headers.get("traceparent"));
        assertEquals("vendor=x1", headers.get("tracestate"));
    }

    @Test
    void injectsNothingWithoutASpan() {
        Map<String, Object> headers = new HashMap<>();
        TraceHeaders.inject(Context.root(), headers);
        assertTrue(headers.isEmpty());
        assertNull(TraceHeaders.traceparent(SpanContext.getInvalid()));
    }

    @Test
    void extractsWhatTheBrokerHandsBackAsLongStrings() {
        Map<String, Object> headers = new HashMap<>();
        headers.put("traceparent", LongStringHelper.asLongString("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        headers.put("tracestate", LongStringHelper.asLongString("vendor=x1"));
        SpanContext extracted = Span.fromContext(TraceHeaders.extract(headers)).getSpanContext();
        assertEquals(SPAN.getTraceId(), extracted.getTraceId());
        assertEquals(SPAN.getSpanId(), extracted.getSpanId());
        assertTrue(extracted.isRemote());
        assertTrue(extracted.isSampled());
        assertEquals("x1", extracted.getTraceState().get("vendor"));
    }

    @Test
    void malformedOrMissingHeadersGiveNoParent() {
        assertFalse(Span.fromContext(TraceHeaders.extract(null)).getSpanContext().isValid());
        assertFalse(Span.fromContext(TraceHeaders.extract(Map.of("traceparent", "00-zz-yy-01")))
                .getSpanContext().isValid());
    }

    @Test
    void firstAttemptRoundTripsThroughItsHeader() {
        Map<String, Object> headers = new HashMap<>();
        headers.put(TraceHeaders.FIRST_ATTEMPT, LongStringHelper.asLongString(TraceHeaders.traceparent(SPAN)));
        SpanContext first = TraceHeaders.firstAttempt(headers);
        assertEquals(SPAN.getTraceId(), first.getTraceId());
        assertEquals(SPAN.getSpanId(), first.getSpanId());
        assertFalse(TraceHeaders.firstAttempt(Map.of()).isValid());
        assertFalse(TraceHeaders.firstAttempt(null).isValid());
    }
}

package dev.roger.state;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON-P plumbing shared by {@link StateCodec} and {@link StoredStateFormat}: parsing, and typed
 * field access that turns every malformed input into an {@link IllegalArgumentException} naming
 * the field, so callers never see a ClassCastException from a peer's bad message.
 */
final class JsonSupport {

    // Every state request goes through here; Json.createXxx would look the provider up on each call.
    private static final JsonProvider PROVIDER = JsonProvider.provider();
    static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = PROVIDER.createReaderFactory(Map.of());
    private static final JsonWriterFactory WRITERS = PROVIDER.createWriterFactory(Map.of());

    private JsonSupport() {
    }

    /** Parses {@code bytes} as one JSON object; {@code what} names the input in the error message. */
    static JsonObject parseObject(byte[] bytes, String what) {
        if (bytes == null) {
            throw new IllegalArgumentException(what + " is missing (null)");
        }
        try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(bytes))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException(what + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    static byte[] write(JsonObject object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonWriter writer = WRITERS.createWriter(out)) {
            writer.writeObject(object);
        }
        return out.toByteArray();
    }

    static JsonArrayBuilder array(Collection<String> values) {
        JsonArrayBuilder b = BUILDERS.createArrayBuilder();
        values.forEach(b::add);
        return b;
    }

    /** The string field, or null when absent or JSON null. */
    static String optString(JsonObject o, String name, String what) {
        JsonValue v = o.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        throw wrongType(what, name, "a string", v);
    }

    static String string(JsonObject o, String name, String what) {
        String s = optString(o, name, what);
        if (s == null) {
            throw new IllegalArgumentException(what + ": field '" + name + "' is missing");
        }
        return s;
    }

    /** The integral number field, or {@code dflt} when absent. */
    static long optLong(JsonObject o, String name, long dflt, String what) {
        JsonValue v = o.get(name);
        if (v == null) {
            return dflt;
        }
        if (v instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(what + ": field '" + name + "' is out of range: " + v, e);
            }
        }
        throw wrongType(what, name, "an integer", v);
    }

    static long requiredLong(JsonObject o, String name, String what) {
        if (!o.containsKey(name)) {
            throw new IllegalArgumentException(what + ": field '" + name + "' is missing");
        }
        return optLong(o, name, 0, what);
    }

    static boolean optBoolean(JsonObject o, String name, String what) {
        JsonValue v = o.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        if (v.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        throw wrongType(what, name, "a boolean", v);
    }

    /** The array-of-strings field, or null when absent. */
    static List<String> optStrings(JsonObject o, String name, String what) {
        JsonValue v = o.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonArray a)) {
            throw wrongType(what, name, "an array of strings", v);
        }
        List<String> out = new ArrayList<>(a.size());
        for (JsonValue e : a) {
            if (!(e instanceof JsonString s)) {
                throw wrongType(what, name, "an array of strings", v);
            }
            out.add(s.getString());
        }
        return out;
    }

    /** The object field, or null when absent. */
    static JsonObject optObject(JsonObject o, String name, String what) {
        JsonValue v = o.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonObject obj) {
            return obj;
        }
        throw wrongType(what, name, "an object", v);
    }

    /** The object-of-strings field, or null when absent. */
    static Map<String, String> optStringMap(JsonObject o, String name, String what) {
        JsonObject obj = optObject(o, name, what);
        if (obj == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : obj.entrySet()) {
            if (!(e.getValue() instanceof JsonString s)) {
                throw wrongType(what, name + "." + e.getKey(), "a string", e.getValue());
            }
            out.put(e.getKey(), s.getString());
        }
        return out;
    }

    private static IllegalArgumentException wrongType(String what, String name, String expected, JsonValue v) {
        return new IllegalArgumentException(what + ": field '" + name + "' must be " + expected + ", not " + v);
    }
}

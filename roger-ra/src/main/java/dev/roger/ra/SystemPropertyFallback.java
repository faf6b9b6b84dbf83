package dev.roger.ra;

import jakarta.resource.spi.ConfigProperty;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Lets every adapter property be given as a JVM system property {@code roger.<name>}
 * ({@code -Droger.maxConcurrentJobs=50}), taken when the server's configuration left the property
 * at its default. WildFly activates the RAR from its own ironjacamar.xml, and a second activation
 * in the resource-adapters subsystem would start a second adapter, so system properties are how a
 * WildFly node is configured; on Payara they are an alternative to {@code asadmin}.
 */
final class SystemPropertyFallback {

    static final String PREFIX = "roger.";
    private static final System.Logger LOG = System.getLogger(SystemPropertyFallback.class.getName());

    private SystemPropertyFallback() {
    }

    /**
     * Sets each {@link ConfigProperty} field of {@code adapter} that holds its default (or nothing)
     * from {@code properties}, by name {@code roger.<field>}.
     *
     * @return the names of the properties taken from system properties
     * @throws IllegalArgumentException naming the system property, when its value does not fit the property
     */
    static List<String> apply(Object adapter, UnaryOperator<String> properties) {
        List<String> taken = new ArrayList<>();
        for (Field field : adapter.getClass().getDeclaredFields()) {
            ConfigProperty annotation = field.getAnnotation(ConfigProperty.class);
            if (annotation == null) {
                continue;
            }
            String text = properties.apply(PREFIX + field.getName());
            if (text == null) {
                continue;
            }
            field.setAccessible(true);
            try {
                if (isDefault(field.get(adapter), annotation.defaultValue())) {
                    field.set(adapter, convert(field, text));
                    taken.add(field.getName());
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot set adapter property " + field.getName(), e);
            }
        }
        if (!taken.isEmpty()) {
            // Names only: a value may be a password.
            LOG.log(Level.INFO, "Roger adapter properties from system properties ({0}<name>): {1}", PREFIX, taken);
        }
        return taken;
    }

    private static boolean isDefault(Object value, String defaultValue) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            return true;
        }
        return !defaultValue.isEmpty() && String.valueOf(value).equals(defaultValue);
    }

    private static Object convert(Field field, String text) {
        String name = PREFIX + field.getName();
        Class<?> type = field.getType();
        if (type == String.class) {
            return text;
        }
        String trimmed = text.strip();
        if (type == Integer.class) {
            try {
                return Integer.valueOf(trimmed);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("system property " + name + " = '" + text + "' is not a whole number", e);
            }
        }
        if (type == Boolean.class) {
            return switch (trimmed.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("system property " + name + " = '" + text
                        + "' must be true or false");
            };
        }
        throw new IllegalStateException("adapter property " + field.getName() + " has unsupported type " + type);
    }
}

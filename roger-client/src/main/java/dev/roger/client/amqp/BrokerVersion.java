package dev.roger.client.amqp;

import com.rabbitmq.client.Connection;

/**
 * The RabbitMQ version a connection's broker announced ({@code version} server property), for what
 * only some versions offer. A broker that does not say (or says something else) is taken as the
 * oldest, so nothing newer is asked of it.
 */
public record BrokerVersion(int major, int minor, int patch) {

    private static final BrokerVersion UNKNOWN = new BrokerVersion(0, 0, 0);

    public static BrokerVersion of(Connection connection) {
        Object v = connection == null ? null : connection.getServerProperties().get("version");
        return parse(v == null ? null : v.toString());
    }

    /** {@code 3.10.8}, {@code 4.0.5}, {@code 4.3.0-rc.1}: the leading numbers; 0.0.0 when there are none. */
    public static BrokerVersion parse(String version) {
        if (version == null) {
            return UNKNOWN;
        }
        int[] parts = new int[3];
        String[] fields = version.split("[.-]", 4);
        for (int i = 0; i < 3 && i < fields.length; i++) {
            try {
                parts[i] = Integer.parseInt(fields[i]);
            } catch (NumberFormatException e) {
                return i == 0 ? UNKNOWN : new BrokerVersion(parts[0], parts[1], parts[2]);
            }
        }
        return new BrokerVersion(parts[0], parts[1], parts[2]);
    }

    /** Whether it is {@code major.minor} or later. */
    public boolean atLeast(int major, int minor) {
        return this.major > major || this.major == major && this.minor >= minor;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}

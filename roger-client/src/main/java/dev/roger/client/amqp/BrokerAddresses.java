package dev.roger.client.amqp;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.ConnectionFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The brokers an AMQP URI names. A RabbitMQ cluster is reached through any of its members, so the
 * URI may list several, comma-separated, with the credentials and virtual host written once:
 * {@code amqp://user:pass@rabbit1:5672,rabbit2:5672,rabbit3/vhost}. A connection goes to one of
 * them, and when it is lost, recovery tries them all (in random order) until one answers; with a
 * single host a node whose broker died would retry that broker alone until it came back.
 *
 * @param singleHostUri the URI with only the first address, for everything else the URI carries
 *                      (scheme, credentials, virtual host, query)
 * @param addresses     every address, ports filled in ({@code 5672}, or {@code 5671} for
 *                      {@code amqps}); one for an ordinary URI
 */
record BrokerAddresses(String singleHostUri, List<Address> addresses) {

    BrokerAddresses {
        addresses = List.copyOf(addresses);
    }

    /**
     * Splits the host list out of {@code uri}. A URI without a comma in its host part is returned
     * as it is, with no addresses: the AMQP client parses it as before.
     *
     * @throws IllegalArgumentException for an empty or malformed address in the list
     */
    static BrokerAddresses parse(String uri) {
        int schemeEnd = uri.indexOf("://");
        if (schemeEnd < 0) {
            return new BrokerAddresses(uri, List.of());
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < uri.length() && "/?#".indexOf(uri.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = uri.substring(authorityStart, authorityEnd);
        int at = authority.lastIndexOf('@');
        String hosts = authority.substring(at + 1);
        if (hosts.indexOf(',') < 0) {
            return new BrokerAddresses(uri, List.of());
        }
        int defaultPort = "amqps".equalsIgnoreCase(uri.substring(0, schemeEnd))
                ? ConnectionFactory.DEFAULT_AMQP_OVER_SSL_PORT : ConnectionFactory.DEFAULT_AMQP_PORT;
        List<Address> addresses = new ArrayList<>();
        for (String host : hosts.split(",", -1)) {
            if (host.isBlank()) {
                throw new IllegalArgumentException("empty address in the host list '" + hosts + "'");
            }
            Address a = Address.parseAddress(host.strip());
            addresses.add(new Address(a.getHost(), a.getPort() == -1 ? defaultPort : a.getPort()));
        }
        String first = hosts.substring(0, hosts.indexOf(',')).strip();
        String single = uri.substring(0, authorityStart + at + 1) + first + uri.substring(authorityEnd);
        return new BrokerAddresses(single, addresses);
    }

    /** The first broker alone, for settings whose host or port override the URI's. */
    BrokerAddresses firstOnly() {
        return new BrokerAddresses(singleHostUri, List.of());
    }

    /** Whether the URI listed more than one broker. */
    boolean isList() {
        return addresses.size() > 1;
    }

    /** The addresses as {@code host:port,host:port}, for descriptions. */
    String describe() {
        return String.join(",", addresses.stream().map(a -> a.getHost() + ":" + a.getPort()).toList());
    }
}

package dev.roger.client.amqp;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.AddressResolver;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ListAddressResolver;
import java.util.List;

/**
 * A connection factory for a list of brokers (the members of a cluster). Callers keep calling
 * {@code newConnection(name)}, which asks for the factory's one host; this answers with the whole
 * list instead. The AMQP client tries the list in random order when it connects, and again on
 * every recovery, so a connection whose broker died moves to another member.
 */
final class AddressListConnectionFactory extends ConnectionFactory {

    private final List<Address> addresses;

    AddressListConnectionFactory(List<Address> addresses) {
        this.addresses = List.copyOf(addresses);
    }

    @Override
    protected AddressResolver createAddressResolver(List<Address> requested) {
        if (requested.size() == 1 && requested.get(0).equals(new Address(getHost(), getPort()))) {
            return new ListAddressResolver(addresses);
        }
        return super.createAddressResolver(requested);
    }
}

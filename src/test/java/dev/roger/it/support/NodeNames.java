package dev.roger.it.support;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Node names as the adapter defaults them when no {@code nodeName} is configured. */
public final class NodeNames {

    private NodeNames() {
    }

    /** This JVM's default node name, {@code host:pid}: in an Arquillian test, the Payara node's. */
    public static String thisJvm() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}

package dev.roger.ra.engine;

import java.lang.System.Logger.Level;

/**
 * What a shutdown did, for the operator. During a JVM shutdown the server's log handlers may be
 * closed already (the logging system has its own shutdown hook, which runs alongside Roger's and
 * the server's); a line logged then would be lost, so it goes to standard error too.
 */
final class ShutdownLog {

    private static final System.Logger LOG = System.getLogger(RogerEngine.class.getName());

    private ShutdownLog() {
    }

    static void info(String message) {
        LOG.log(Level.INFO, message);
        if (java.util.logging.Logger.getLogger("").getHandlers().length == 0) {
            System.err.println("INFO: " + message);
        }
    }
}

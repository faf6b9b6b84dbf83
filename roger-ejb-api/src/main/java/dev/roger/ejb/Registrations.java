package dev.roger.ejb;

import dev.roger.api.spi.Registration;
import java.lang.System.Logger.Level;

/** Withdrawing an application's registrations from the adapter when it is undeployed. */
final class Registrations {

    private static final System.Logger LOG = System.getLogger(Registrations.class.getName());

    private Registrations() {
    }

    /** Cancels {@code registration} (null: there was none), logging a failure. */
    static void cancel(Registration registration, String what) {
        if (registration == null) {
            return;
        }
        try {
            registration.cancel();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Roger could not unregister this application's " + what
                    + "; the adapter keeps it until the node restarts", e);
        }
    }
}

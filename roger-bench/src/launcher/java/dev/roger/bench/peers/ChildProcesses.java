package dev.roger.bench.peers;

/** The launcher's handle on the peers' child JVMs, for its shutdown hook. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /** Kills every peer JVM still running. */
    public static void killAll() {
        ChildJvm.killAll();
    }
}

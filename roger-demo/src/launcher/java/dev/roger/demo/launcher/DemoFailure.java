package dev.roger.demo.launcher;

/**
 * A reason the demo cannot go on; its message is printed as is, so it says what to do. Public
 * because {@link PayaraMicro} throws it to the benchmark launcher too.
 */
public final class DemoFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DemoFailure(String message) {
        super(message);
    }

    public DemoFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

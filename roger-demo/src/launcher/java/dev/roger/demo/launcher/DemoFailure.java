package dev.roger.demo.launcher;

/** A reason the demo cannot go on; its message is printed as is, so it says what to do. */
final class DemoFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DemoFailure(String message) {
        super(message);
    }

    DemoFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.roger.console;

/**
 * The JSON body of every error the API itself answers: {@code error} names the kind (the
 * exception's simple class name, or a fixed word), {@code message} says what happened.
 */
public record ErrorBody(String error, String message) {

    static ErrorBody of(Throwable e) {
        return new ErrorBody(e.getClass().getSimpleName(), e.getMessage());
    }
}

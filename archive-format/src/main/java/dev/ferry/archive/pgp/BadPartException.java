package dev.ferry.archive.pgp;

/** A part failed a check; the message is the reason, the caller adds the file name. */
public final class BadPartException extends Exception {
    public BadPartException(String reason) {
        super(reason);
    }

    public BadPartException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

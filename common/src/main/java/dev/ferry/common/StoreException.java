package dev.ferry.common;

/** A store could not be reached, refused the credentials, or answered with an error. */
public class StoreException extends FerryException {
    public StoreException(String problem, String fix) {
        this(problem, fix, null);
    }

    public StoreException(String problem, String fix, Throwable cause) {
        super(problem, fix, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.STORE;
    }
}

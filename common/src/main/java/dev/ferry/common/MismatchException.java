package dev.ferry.common;

/** What a Target store holds differs from what the bundle says left the Source. */
public class MismatchException extends FerryException {
    public MismatchException(String problem, String fix) {
        this(problem, fix, null);
    }

    public MismatchException(String problem, String fix, Throwable cause) {
        super(problem, fix, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.MISMATCH;
    }
}

package dev.ferry.common;

/** A bundle failed verification: it is tampered, truncated, from another bundle, for another recipient or signed by another key. Nothing is loaded from it. */
public class VerificationException extends FerryException {
    public VerificationException(String problem, String fix) {
        this(problem, fix, null);
    }

    public VerificationException(String problem, String fix, Throwable cause) {
        super(problem, fix, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.VERIFICATION;
    }
}

package dev.ferry.common;

/**
 * A failure the operator can act on. Every one names the problem and the fix; the CLI prints both and
 * exits with {@link #exitCode()}, never a stack trace. One subclass per failure kind.
 */
public abstract class FerryException extends RuntimeException {
    private final String problem;
    private final String fix;

    protected FerryException(String problem, String fix, Throwable cause) {
        super(problem, cause);
        this.problem = problem;
        this.fix = fix;
    }

    public abstract ExitCode exitCode();

    /** What went wrong, naming the file, key, store or entry concerned. */
    public String problem() {
        return problem;
    }

    /** What the operator should do next; may be empty when the problem says it all. */
    public String fix() {
        return fix;
    }
}

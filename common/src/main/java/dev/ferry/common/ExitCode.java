package dev.ferry.common;

/**
 * The process exit codes of both tools. They are part of the user-facing contract (README.md lists them),
 * so a script around Ferry can tell "fix your config" from "the bundle is bad" from "the Target differs".
 */
public enum ExitCode {
    OK(0, "success"),
    INTERNAL(1, "unexpected internal error (a bug: please report it with the output of --verbose)"),
    USAGE(2, "usage or configuration error"),
    VERIFICATION(3, "bundle verification failed"),
    STORE(4, "store error: connection, authentication or server"),
    MISMATCH(5, "validation mismatch: what landed differs from what left"),
    INTERRUPTED(130, "interrupted (Ctrl-C)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}

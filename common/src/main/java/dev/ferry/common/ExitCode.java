package dev.ferry.common;

/**
 * The process exit codes of both tools. They are part of the user-facing contract: README.md lists them (a test keeps
 * the two equal) and every command's help is generated from {@link #meaning()}, so a script around Ferry can tell
 * "fix your config" from "the bundle is bad" from "the Target differs" from "the disk is full".
 */
public enum ExitCode {
    OK(0, "success"),
    INTERNAL(1, "internal error: a bug in Ferry (re-run with --verbose and report it)"),
    USAGE(2, "usage or configuration error (bad flag, config key, key file, passphrase)"),
    VERIFICATION(3, "verification failure: the bundle is tampered, truncated, for another recipient or signed by another key;"
            + " nothing was loaded"),
    STORE(4, "store error: a store could not be reached, refused the credentials, or answered with an error"),
    MISMATCH(5, "validation mismatch: the Target differs from the bundle"),
    LOCAL_IO(6, "local I/O error: a file or directory on this machine could not be written or read (disk full, permissions,"
            + " read-only or removed medium)"),
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

    /** One line for the help text and README's table. */
    public String meaning() {
        return meaning;
    }
}

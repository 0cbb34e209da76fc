package dev.ferry.common;

/** A configuration file, key file, passphrase or command-line argument is wrong or missing. */
public class ConfigException extends FerryException {
    public ConfigException(String problem, String fix) {
        this(problem, fix, null);
    }

    public ConfigException(String problem, String fix, Throwable cause) {
        super(problem, fix, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.USAGE;
    }
}

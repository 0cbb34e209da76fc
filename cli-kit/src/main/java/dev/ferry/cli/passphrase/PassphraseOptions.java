package dev.ferry.cli.passphrase;

import dev.ferry.archive.keys.Passphrase;
import dev.ferry.common.ConfigException;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * The passphrase options of every command that opens or makes a secret key, in both tools: {@code --passphrase-env
 * NAME}, {@code --passphrase-file PATH}, {@code --no-passphrase}, or none of them to be asked at the terminal. Never
 * the passphrase itself as a flag value: it would show in the process list and the shell history.
 */
public final class PassphraseOptions {
    private static final String ENV_NAME = "[A-Za-z_][A-Za-z0-9_]*";

    @Option(names = "--passphrase-env", paramLabel = "NAME",
            description = "Read the secret key's passphrase from the environment variable NAME.")
    String env;

    @Option(names = "--passphrase-file", paramLabel = "PATH",
            description = "Read the secret key's passphrase from the file PATH (all of it, without a final newline; keep it mode 600).")
    Path file;

    @Option(names = "--no-passphrase", description = "The secret key has no passphrase (throwaway keys only).")
    boolean none;

    /** True when one of the options was given. */
    public boolean given() {
        return env != null || file != null || none;
    }

    /**
     * The passphrase of the existing secret key in {@code keyFile}. Read only when the key turns out to be protected:
     * without an option, an unprotected key is opened without a prompt.
     */
    public Passphrase forKey(Path keyFile) {
        checkOne();
        if (env != null) {
            return PassphraseSources.env(env);
        }
        if (file != null) {
            return PassphraseSources.file(file);
        }
        if (none) {
            return PassphraseSources.refusedNone(keyFile);
        }
        return PassphraseSources.prompt("Passphrase of the secret key " + keyFile + ": ");
    }

    /**
     * The passphrase for a key being made, e.g. {@code keyName} "signing key": from the variable or file, asked twice
     * at the terminal, or empty with --no-passphrase. The caller wipes the array.
     */
    public char[] forNewKey(String keyName) {
        checkOne();
        if (none) {
            return new char[0];
        }
        if (env != null) {
            return PassphraseSources.env(env).get();
        }
        if (file != null) {
            return PassphraseSources.file(file).get();
        }
        char[] first = PassphraseSources.prompt("Passphrase for the new " + keyName + ": ").get();
        char[] again = PassphraseSources.prompt("Repeat the passphrase for the new " + keyName + ": ").get();
        boolean same = Arrays.equals(first, again);
        Arrays.fill(again, '\0');
        if (!same) {
            Arrays.fill(first, '\0');
            throw new ConfigException("the two passphrases typed differ", "run the command again and type the same passphrase twice");
        }
        return first;
    }

    private void checkOne() {
        if ((env != null ? 1 : 0) + (file != null ? 1 : 0) + (none ? 1 : 0) > 1) {
            throw new ConfigException("more than one of --passphrase-env, --passphrase-file and --no-passphrase was given",
                    "give exactly one of them, or none to be asked at the terminal");
        }
        if (env != null && !env.matches(ENV_NAME)) {
            throw new ConfigException("--passphrase-env takes the NAME of an environment variable, not '" + env + "'",
                    "export FERRY_PASSPHRASE=... then pass --passphrase-env FERRY_PASSPHRASE (never the passphrase itself)");
        }
    }
}

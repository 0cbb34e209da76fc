package dev.ferry.archive.keys;

import dev.ferry.common.ConfigException;
import java.nio.file.Path;

/**
 * Turns the CLI's passphrase options (--passphrase-env NAME, --passphrase-file PATH, --no-passphrase, or nothing:
 * prompt) into a {@link Passphrase}, the same way in every command.
 */
public final class PassphraseChoice {
    private PassphraseChoice() {
    }

    /**
     * @param envName      --passphrase-env, or null
     * @param file         --passphrase-file, or null
     * @param none         --no-passphrase
     * @param promptFor    what the prompt asks for, e.g. "passphrase of the signing key"
     */
    public static Passphrase of(String envName, Path file, boolean none, String promptFor) {
        int given = (envName != null ? 1 : 0) + (file != null ? 1 : 0) + (none ? 1 : 0);
        if (given > 1) {
            throw new ConfigException("more than one of --passphrase-env, --passphrase-file and --no-passphrase was given",
                    "give exactly one of them, or none to be prompted");
        }
        if (envName != null) {
            if (!envName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigException("--passphrase-env takes the NAME of an environment variable, not '" + envName + "'",
                        "export FERRY_PASSPHRASE=... then pass --passphrase-env FERRY_PASSPHRASE (never the passphrase itself)");
            }
            return Passphrase.fromEnv(envName);
        }
        if (file != null) {
            return Passphrase.fromFile(file);
        }
        if (none) {
            return Passphrase.none();
        }
        return Passphrase.prompt("Enter the " + promptFor + ": ");
    }

    /**
     * The passphrase for a key being generated: like {@link #of}, but a prompt asks twice and the two must match.
     * Empty only with --no-passphrase.
     */
    public static char[] forNewKey(String envName, Path file, boolean none, String promptFor) {
        Passphrase source = of(envName, file, none, promptFor);
        char[] first = source.get();
        if (source instanceof PassphraseSources.Prompt) {
            char[] again = Passphrase.prompt("Repeat the " + promptFor + ": ").get();
            boolean same = java.util.Arrays.equals(first, again);
            java.util.Arrays.fill(again, '\0');
            if (!same) {
                java.util.Arrays.fill(first, '\0');
                throw new ConfigException("the two passphrases differ", "run again and type the same passphrase twice");
            }
            if (first.length == 0) {
                throw new ConfigException("an empty passphrase was typed", "type a passphrase, or pass --no-passphrase for a throwaway key");
            }
        }
        return first;
    }
}

package dev.ferry.archive.keys;

import java.nio.file.Path;

/**
 * Where a secret key's passphrase comes from: an environment variable, a file, an interactive prompt, or none
 * (unprotected throwaway keys). Never a flag value: that would put the secret in the process list.
 * API CONTRACT — implemented by the archive-format work.
 */
public interface Passphrase {
    /** Returns a fresh copy of the passphrase characters; the caller wipes it. Empty for an unprotected key. */
    char[] get();

    /** A short description for error messages, e.g. "environment variable FERRY_SIGNING_PASSPHRASE". Never the secret. */
    String describe();

    static Passphrase none() {
        return new PassphraseSources.None();
    }

    static Passphrase fromEnv(String variableName) {
        return new PassphraseSources.Env(variableName);
    }

    static Passphrase fromFile(Path file) {
        return new PassphraseSources.File(file);
    }

    static Passphrase prompt(String question) {
        return new PassphraseSources.Prompt(question);
    }
}

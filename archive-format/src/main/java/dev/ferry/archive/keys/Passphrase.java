package dev.ferry.archive.keys;


/**
 * A secret key's passphrase, asked for only when a key turns out to be protected (so an unprotected key never
 * causes a prompt). Where it comes from (an environment variable, a file, a prompt) is the caller's business: the
 * command-line options live in the CLI kit. Never a command-line value: that would put the secret in the process list.
 */
public interface Passphrase {
    /** Returns a fresh copy of the passphrase characters; the caller wipes it. Empty for an unprotected key. */
    char[] get();

    /** A short description for error messages, e.g. "environment variable FERRY_SIGNING_PASSPHRASE". Never the secret. */
    String describe();

    /** No passphrase: for keys that have none. */
    static Passphrase none() {
        return of(new char[0], "no passphrase");
    }

    /** A passphrase already in memory; {@code described} says where it came from. Copied, so the caller may wipe its array. */
    static Passphrase of(char[] passphrase, String described) {
        char[] copy = passphrase.clone();
        return new Passphrase() {
            @Override
            public char[] get() {
                return copy.clone();
            }

            @Override
            public String describe() {
                return described;
            }
        };
    }
}

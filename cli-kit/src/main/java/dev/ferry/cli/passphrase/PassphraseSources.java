package dev.ferry.cli.passphrase;

import dev.ferry.archive.keys.Passphrase;
import dev.ferry.common.ConfigException;
import dev.ferry.common.LocalIoException;
import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Where {@link PassphraseOptions} read a passphrase from. Each source reads it when asked, so it lives in memory only
 * while a key is unlocked, and an unprotected key is opened without asking at all.
 */
final class PassphraseSources {
    private PassphraseSources() {
    }

    /** A passphrase read by {@code reader} each time it is needed, described without the secret. */
    private record Source(String describe, Supplier<char[]> reader) implements Passphrase {
        @Override
        public char[] get() {
            return reader.get();
        }
    }

    /** Said wherever the operator has to choose how to give a passphrase; mentions the prompt only where there is one. */
    static String howToGive() {
        return "give it with --passphrase-env NAME or --passphrase-file PATH"
                + (System.console() != null ? ", or give neither to be asked for it at the terminal" : "");
    }

    static Passphrase env(String variable) {
        return new Source("environment variable " + variable, () -> {
            String value = System.getenv(variable);
            if (value == null || value.isEmpty()) {
                throw new ConfigException("environment variable " + variable + " (--passphrase-env) is not set or empty",
                        "export " + variable + " with the key's passphrase in the shell that runs Ferry, or use --passphrase-file");
            }
            return value.toCharArray();
        });
    }

    static Passphrase file(Path file) {
        return new Source("passphrase file " + file, () -> read(file));
    }

    static Passphrase prompt(String question) {
        return new Source("the passphrase typed at the prompt", () -> {
            Console console = System.console();
            if (console == null) {
                throw new ConfigException("a passphrase is needed, but there is no terminal to ask for it", howToGive());
            }
            char[] answer = console.readPassword("%s", question);
            if (answer == null || answer.length == 0) {
                throw new ConfigException("no passphrase was typed", "run the command again and type the passphrase at the prompt"
                        + ", or use --no-passphrase for a key that has none");
            }
            return answer;
        });
    }

    /** --no-passphrase for a key that turns out to be protected: the operator said it has none. */
    static Passphrase refusedNone(Path keyFile) {
        return new Source("--no-passphrase", () -> {
            throw new ConfigException("--no-passphrase was given, but the secret key in " + keyFile + " is protected by a passphrase",
                    "drop --no-passphrase and " + howToGive());
        });
    }

    private static char[] read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("passphrase file " + file + " (--passphrase-file) does not exist", "check the path");
        } catch (IOException e) {
            throw new ConfigException("cannot read passphrase file " + file + " (--passphrase-file): " + LocalIoException.reason(e, file),
                    "check the path and that this user may read it");
        }
        // Editors add a final newline; it is never part of the passphrase (gpg's --passphrase-file agrees).
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, end));
        char[] exact = Arrays.copyOfRange(decoded.array(), decoded.position(), decoded.limit());
        Arrays.fill(decoded.array(), '\0');
        Arrays.fill(bytes, (byte) 0);
        if (exact.length == 0) {
            throw new ConfigException("passphrase file " + file + " (--passphrase-file) is empty",
                    "write the passphrase into it, or use --no-passphrase for a key that has none");
        }
        return exact;
    }
}

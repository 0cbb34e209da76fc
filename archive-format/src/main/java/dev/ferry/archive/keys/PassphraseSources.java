package dev.ferry.archive.keys;

import dev.ferry.common.ConfigException;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The passphrase sources. Each reads the secret when asked, so it lives in memory only while a key is unlocked. */
final class PassphraseSources {
    private PassphraseSources() {
    }

    record None() implements Passphrase {
        @Override
        public char[] get() {
            return new char[0];
        }

        @Override
        public String describe() {
            return "no passphrase";
        }
    }

    record Env(String variable) implements Passphrase {
        @Override
        public char[] get() {
            String value = System.getenv(variable);
            if (value == null || value.isEmpty()) {
                throw new ConfigException("environment variable " + variable + " is not set or empty",
                        "export " + variable + " with the key's passphrase before running, or use --passphrase-file");
            }
            return value.toCharArray();
        }

        @Override
        public String describe() {
            return "environment variable " + variable;
        }
    }

    record File(Path file) implements Passphrase {
        @Override
        public char[] get() {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new ConfigException("cannot read passphrase file " + file + " (" + e.getClass().getSimpleName() + ")",
                        "check the path and that this user may read it");
            }
            // Editors add a final newline; it is never part of the passphrase (gpg's --passphrase-file agrees).
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
                end--;
            }
            java.nio.CharBuffer decoded = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes, 0, end));
            char[] exact = Arrays.copyOfRange(decoded.array(), decoded.position(), decoded.limit());
            Arrays.fill(decoded.array(), '\0');
            Arrays.fill(bytes, (byte) 0);
            if (exact.length == 0) {
                throw new ConfigException("passphrase file " + file + " is empty", "write the passphrase into it, or use --no-passphrase for an unprotected key");
            }
            return exact;
        }

        @Override
        public String describe() {
            return "passphrase file " + file;
        }
    }

    record Prompt(String question) implements Passphrase {
        @Override
        public char[] get() {
            Console console = System.console();
            if (console == null) {
                throw new ConfigException("cannot prompt for a passphrase: no terminal",
                        "pass it with --passphrase-env NAME or --passphrase-file PATH");
            }
            char[] answer = console.readPassword("%s", question);
            if (answer == null) {
                throw new ConfigException("no passphrase was entered", "run again and type the passphrase at the prompt");
            }
            return answer;
        }

        @Override
        public String describe() {
            return "the passphrase typed at the prompt";
        }
    }
}

package dev.ferry.cli.passphrase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.KeyGenerator;
import dev.ferry.common.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class PassphraseOptionsTest {
    @TempDir
    Path tmp;

    @Command(name = "k")
    static final class K {
        @Mixin
        PassphraseOptions passphrase;
    }

    private static PassphraseOptions parse(String... args) {
        K k = new K();
        new CommandLine(k).parseArgs(args);
        return k.passphrase;
    }

    @Test
    void atMostOneSourceAndAnEnvironmentVariableByName() {
        ConfigException more = assertThrows(ConfigException.class, () -> parse("--no-passphrase", "--passphrase-env", "X").forKey(tmp));
        assertTrue(more.problem().contains("more than one"), more.problem());
        ConfigException value = assertThrows(ConfigException.class, () -> parse("--passphrase-env", "hunter2 with spaces").forNewKey("k"));
        assertTrue(value.problem().contains("NAME of an environment variable"), value.problem());
        ConfigException unset = assertThrows(ConfigException.class, () -> parse("--passphrase-env", "FERRY_TEST_UNSET_X").forKey(tmp).get());
        assertTrue(unset.problem().contains("FERRY_TEST_UNSET_X"), unset.problem());
    }

    @Test
    void aFileGivesItsContentWithoutTheFinalNewline() throws Exception {
        Path file = Files.writeString(tmp.resolve("pass"), "correct horse\n");
        assertArrayEquals("correct horse".toCharArray(), parse("--passphrase-file", file.toString()).forNewKey("k"));
        assertArrayEquals(new char[0], parse("--no-passphrase").forNewKey("k"));
        Files.writeString(file, "\n");
        assertThrows(ConfigException.class, () -> parse("--passphrase-file", file.toString()).forKey(tmp).get());
    }

    @Test
    void noPassphraseForAProtectedKeySaysSoAndOffersNoPromptWithoutATerminal() {
        KeyGenerator.Generated g = KeyGenerator.generate(tmp, "p", "p <p@example.org>", KeyGenerator.Algorithm.ED25519, "right".toCharArray());
        ConfigException e = assertThrows(ConfigException.class,
                () -> KeyFiles.decryptionKey(g.secretKey(), parse("--no-passphrase").forKey(g.secretKey())));
        assertTrue(e.problem().contains("--no-passphrase was given") && e.problem().contains(g.secretKey().toString()), e.problem());
        assertTrue(e.fix().contains("--passphrase-env NAME or --passphrase-file PATH"), e.fix());
        // Tests run without a terminal: nothing could prompt, so no hint may suggest it.
        assertEquals(null, System.console());
        assertFalse(e.fix().contains("terminal") || e.fix().contains("interactive") || e.fix().contains("prompt"), e.fix());
        ConfigException noTerminal = assertThrows(ConfigException.class, () -> KeyFiles.decryptionKey(g.secretKey(), parse().forKey(g.secretKey())));
        assertTrue(noTerminal.problem().contains("no terminal"), noTerminal.problem());
        assertFalse(noTerminal.fix().contains("interactive"), noTerminal.fix());
    }

    @Test
    void anUnprotectedKeyNeedsNoOptionAndNoPrompt() {
        KeyGenerator.Generated g = KeyGenerator.generate(tmp, "u", "u <u@example.org>", KeyGenerator.Algorithm.ED25519, new char[0]);
        assertEquals(g.fingerprint(), KeyFiles.signingKey(g.secretKey(), parse().forKey(g.secretKey())).fingerprint());
    }
}

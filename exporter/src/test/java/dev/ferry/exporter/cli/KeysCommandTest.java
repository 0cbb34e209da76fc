package dev.ferry.exporter.cli;

import dev.ferry.cli.CliRunner;

import dev.ferry.cli.Fingerprints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.Passphrase;
import dev.ferry.archive.keys.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path tmp;

    /** Runs ferry-export in this JVM and captures what it prints. */
    static CliRunner.Captured run(String... args) {
        return CliRunner.capture("ferry-export", new ExportCli(), args);
    }

    @Test
    void generatesAProtectedSigningKeyAndPrintsItsFingerprint() throws Exception {
        Path pass = Files.writeString(tmp.resolve("pass"), "export secret\n");
        CliRunner.Captured r = run("keys", "generate", "--dir", tmp.toString(), "--name", "sig", "--passphrase-file", pass.toString());
        assertEquals(0, r.exit(), r.err());
        Path sec = tmp.resolve("sig.sec.asc");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sec)));
        SigningKey key = KeyFiles.signingKey(sec, Passphrase.of("export secret".toCharArray(), "test"));
        assertTrue(r.out().contains(Fingerprints.grouped(key.fingerprint())), r.out());
        assertEquals(key.fingerprint(), KeyFiles.signer(tmp.resolve("sig.pub.asc")).fingerprint());
        assertTrue(Files.readString(sec).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----"));
        assertTrue(!Files.readString(sec).contains("export secret"));
    }

    @Test
    void refusesToOverwriteAnExistingKey() {
        assertEquals(0, run("keys", "generate", "--dir", tmp.toString(), "--name", "k", "--no-passphrase").exit());
        CliRunner.Captured again = run("keys", "generate", "--dir", tmp.toString(), "--name", "k", "--no-passphrase");
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("already exists"), again.err());
    }

    @Test
    void passphraseOptionsAreExclusive() {
        CliRunner.Captured r = run("keys", "generate", "--dir", tmp.toString(), "--no-passphrase", "--passphrase-env", "X");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("more than one"), r.err());
    }

    @Test
    void withoutATerminalThePromptExplainsTheAlternatives() {
        CliRunner.Captured r = run("keys", "generate", "--dir", tmp.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--passphrase-env"), r.err());
    }
}

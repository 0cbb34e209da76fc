package dev.ferry.exporter.cli;

import dev.ferry.cli.CliRunner;

import dev.ferry.cli.Fingerprints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.Passphrase;
import dev.ferry.archive.keys.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = CliRunner.run("ferry-export", new ExportCli(), args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void generatesAProtectedSigningKeyAndPrintsItsFingerprint() throws Exception {
        Path pass = Files.writeString(tmp.resolve("pass"), "export secret\n");
        Run r = run("keys", "generate", "--dir", tmp.toString(), "--name", "sig", "--passphrase-file", pass.toString());
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
        Run again = run("keys", "generate", "--dir", tmp.toString(), "--name", "k", "--no-passphrase");
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("already exists"), again.err());
    }

    @Test
    void passphraseOptionsAreExclusive() {
        Run r = run("keys", "generate", "--dir", tmp.toString(), "--no-passphrase", "--passphrase-env", "X");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("more than one"), r.err());
    }

    @Test
    void withoutATerminalThePromptExplainsTheAlternatives() {
        Run r = run("keys", "generate", "--dir", tmp.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--passphrase-env"), r.err());
    }
}

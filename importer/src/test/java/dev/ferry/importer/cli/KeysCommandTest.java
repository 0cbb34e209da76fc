package dev.ferry.importer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.CliRunner;
import dev.ferry.archive.keys.DecryptionKey;
import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.Passphrase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path tmp;

    @Test
    void generatesTheEncryptionKey() throws Exception {
        Path pass = Files.writeString(tmp.resolve("pass"), "import secret\n");
        CliRunner.Captured r = VerifyCommandTest.run("keys", "generate", "--dir", tmp.toString(), "--passphrase-file", pass.toString());
        assertEquals(0, r.exit(), r.err());
        Path sec = tmp.resolve("ferry-encryption.sec.asc");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sec)));
        DecryptionKey key = KeyFiles.decryptionKey(sec, Passphrase.of("import secret".toCharArray(), "test"));
        assertEquals(key.fingerprint(), KeyFiles.recipient(tmp.resolve("ferry-encryption.pub.asc")).fingerprint());
        assertTrue(r.out().replace(" ", "").contains(key.fingerprint()), r.out());
    }

    @Test
    void rsaKeysCanBeAskedFor() {
        CliRunner.Captured r = VerifyCommandTest.run("keys", "generate", "--dir", tmp.toString(), "--algorithm", "RSA4096", "--no-passphrase");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, KeyFiles.recipient(tmp.resolve("ferry-encryption.pub.asc")).fingerprint().length() / 40);
    }
}

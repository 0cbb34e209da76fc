package dev.ferry.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.KeyGenerator;
import dev.ferry.archive.keys.Passphrase;
import dev.ferry.common.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Bad key files and passphrases are clear configuration errors naming the file. */
class KeyFilesTest {
    @TempDir
    Path tmp;
    Gpg gpg;

    @BeforeEach
    void start() throws Exception {
        gpg = new Gpg(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        gpg.close();
    }

    private static ConfigException refused(Executable call, String... fragments) {
        ConfigException e = assertThrows(ConfigException.class, call);
        for (String f : fragments) {
            assertTrue(e.problem().contains(f), "'" + f + "' in: " + e.problem());
        }
        assertFalse(e.fix().isBlank());
        return e;
    }

    @Test
    void publicKeyGivenWhereSecretNeededIsRefused() {
        TestKeys k = TestKeys.create(tmp);
        refused(() -> KeyFiles.signingKey(k.signingFiles().publicKey(), Passphrase.none()), k.signingFiles().publicKey().toString(), "PUBLIC key");
        refused(() -> KeyFiles.decryptionKey(k.encryptionFiles().publicKey(), Passphrase.none()), "PUBLIC key");
    }

    @Test
    void secretKeyGivenWhereOnlyPublicBelongsIsRefused() {
        TestKeys k = TestKeys.create(tmp);
        refused(() -> KeyFiles.signer(k.signingFiles().secretKey()), "SECRET key");
        refused(() -> KeyFiles.recipient(k.encryptionFiles().secretKey()), "SECRET key");
    }

    @Test
    void notAKeyFileIsRefused() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hello, I am not a key\n");
        refused(() -> KeyFiles.signer(text), text.toString(), "not an OpenPGP key file");
        refused(() -> KeyFiles.signer(tmp.resolve("missing.asc")), "does not exist");
    }

    @Test
    void wrongOrMissingPassphraseIsRefused() throws Exception {
        KeyGenerator.Generated g = KeyGenerator.generate(tmp, "p", "p <p@example.org>", KeyGenerator.Algorithm.ED25519, "right".toCharArray());
        Passphrase wrong = Passphrase.of("wrong".toCharArray(), "passphrase file wrong.txt");
        refused(() -> KeyFiles.signingKey(g.secretKey(), wrong), "does not unlock", g.secretKey().toString(), "passphrase file wrong.txt");
        ConfigException none = refused(() -> KeyFiles.decryptionKey(g.secretKey(), Passphrase.none()), "protected by a passphrase, but none was given");
        assertFalse((none.problem() + none.fix()).contains("--"), "archive-format names no command-line flag: " + none.fix());
        assertFalse(none.fix().contains("interactive"), "nothing here prompts: " + none.fix());
        assertEquals(g.fingerprint(), KeyFiles.signingKey(g.secretKey(), Passphrase.of("right".toCharArray(), "test")).fingerprint());
    }

    @Test
    void keyWithoutEncryptionSubkeyIsRefusedAsRecipient() throws Exception {
        gpg.gpg(null, "--passphrase", "", "--quick-gen-key", "signonly <s@example.org>", "ed25519", "sign", "never").ok();
        Path pub = tmp.resolve("signonly.asc");
        gpg.gpg(pub, "--armor", "--export", "s@example.org").ok();
        refused(() -> KeyFiles.recipient(pub), "no usable encryption subkey", pub.toString());
        assertEquals(gpg.fingerprint("s@example.org"), KeyFiles.signer(pub).fingerprint());
    }

    @Test
    void expiredKeyIsRefused() throws Exception {
        gpg.gpg(null, "--faked-system-time", "20200101T000000", "--passphrase", "", "--quick-gen-key", "old <old@example.org>", "ed25519",
                "sign", "1d").ok();
        Path pub = tmp.resolve("old.asc");
        gpg.gpg(pub, "--armor", "--export", "old@example.org").ok();
        refused(() -> KeyFiles.signer(pub), "expired", pub.toString());
    }

    @Test
    void revokedKeyIsRefused() throws Exception {
        gpg.gpg(null, "--passphrase", "", "--quick-gen-key", "gone <gone@example.org>", "ed25519", "sign", "never").ok();
        String fpr = gpg.fingerprint("gone@example.org");
        Path rev = gpg.home().resolve("openpgp-revocs.d").resolve(fpr + ".rev");
        Path cert = tmp.resolve("revoke.asc");
        Files.write(cert, Files.readAllLines(rev).stream().map(l -> l.startsWith(":-----") ? l.substring(1) : l).toList());
        gpg.gpg(null, "--import", cert.toString()).ok();
        Path pub = tmp.resolve("gone.asc");
        gpg.gpg(pub, "--armor", "--export", "gone@example.org").ok();
        refused(() -> KeyFiles.signer(pub), "revoked", pub.toString());
    }

    @Test
    void fileWithSeveralKeysIsRefused() throws Exception {
        TestKeys k = TestKeys.create(tmp);
        Path both = tmp.resolve("both.asc");
        Files.write(both, List.of(Files.readString(k.signingFiles().publicKey()), Files.readString(k.encryptionFiles().publicKey())));
        refused(() -> KeyFiles.signer(both), "holds 2 armored blocks");
    }
}

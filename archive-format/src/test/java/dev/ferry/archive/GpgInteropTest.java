package dev.ferry.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.archive.keys.DecryptionKey;
import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.KeyGenerator;
import dev.ferry.archive.keys.Passphrase;
import dev.ferry.archive.keys.RecipientKey;
import dev.ferry.archive.keys.SignerKey;
import dev.ferry.archive.keys.SigningKey;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.manifest.PartInfo;
import dev.ferry.archive.read.BundleVerifier;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.archive.seal.BundleWriter;
import dev.ferry.archive.seal.EntryOutputStream;
import dev.ferry.archive.seal.SealingOptions;
import dev.ferry.archive.seal.StoreWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles against the real GnuPG 2.2: what Ferry seals, gpg opens; what gpg generates, Ferry uses; and back. */
class GpgInteropTest {
    @TempDir
    Path tmp;
    Gpg gpg;

    @BeforeEach
    void startGpg() throws Exception {
        gpg = new Gpg(tmp);
    }

    @AfterEach
    void stopGpg() throws Exception {
        gpg.close();
    }

    private static final byte[] PAYLOAD = payload();

    private static byte[] payload() {
        byte[] b = new byte[200_000];
        new Random(7).nextBytes(b);
        return b;
    }

    private Manifest seal(Path bundle, RecipientKey recipient, SigningKey signing, long volume) {
        try (BundleWriter writer = BundleWriter.create(bundle, new SealingOptions(List.of(recipient), signing, volume, "interop", 1))) {
            try (StoreWriter store = writer.openStore("objects")) {
                try (EntryOutputStream e = store.newEntry("objects/1/000001")) {
                    e.write(PAYLOAD);
                    e.count("objects", 1);
                }
                try (EntryOutputStream e = store.newEntry("buckets.json")) {
                    e.write("[]".getBytes());
                }
            }
            return writer.finish();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void ferrySealedPartsDecryptVerifyAndListWithStockTools() throws Exception {
        TestKeys keys = TestKeys.create(tmp);
        Path bundle = tmp.resolve("x.ferry");
        Manifest manifest = seal(bundle, keys.recipient(), keys.signing(), 1 << 20);
        gpg.gpg(null, "--import", keys.signingFiles().publicKey().toString()).ok();
        gpg.gpg(null, "--import", keys.encryptionFiles().secretKey().toString()).ok();

        // Detached signatures and sums, exactly as the spec's by-hand recipe runs them.
        gpg.gpg(null, "--verify", bundle.resolve("manifest.json.sig").toString(), bundle.resolve("manifest.json").toString()).ok();
        gpg.gpg(null, "--verify", bundle.resolve("SHA256SUMS.sig").toString(), bundle.resolve("SHA256SUMS").toString()).ok();
        gpg.sh("cd '" + bundle + "' && sha256sum -c SHA256SUMS").ok();

        PartInfo part = manifest.parts().get(0);
        Path clear = tmp.resolve("part.tar.zst");
        Gpg.Result decrypt = gpg.gpg(clear, "--status-fd", "2", "--decrypt", bundle.resolve(part.file()).toString()).ok();
        assertTrue(decrypt.err().contains("[GNUPG:] GOODSIG"), decrypt.err());
        assertTrue(decrypt.err().contains("[GNUPG:] VALIDSIG " + keys.signer().fingerprint()), decrypt.err());
        assertTrue(decrypt.err().contains("[GNUPG:] DECRYPTION_INFO 2 9"), "SEIPD v1 with MDC (2) and AES-256 (9): " + decrypt.err());
        assertTrue(decrypt.err().contains("[GNUPG:] DECRYPTION_OKAY"), decrypt.err());
        Path out = Files.createDirectories(tmp.resolve("extract"));
        gpg.sh("zstd -d < '" + clear + "' | tar -x -C '" + out + "'").ok();
        String listing = gpg.sh("zstd -d < '" + clear + "' | tar -t").ok().out();
        // 1 MiB volumes cut entries into 128 KiB chunks: the 200 KB object is two members.
        assertEquals(List.of("data/objects/1/000001", "data/objects/1/000001~000001", "data/buckets.json", "index.json"),
                List.of(listing.split("\n")));
        gpg.sh("cd '" + out + "/data/objects/1' && cat 000001 000001~* > whole").ok();
        assertArrayEquals(PAYLOAD, Files.readAllBytes(out.resolve("data/objects/1/whole")));
        String index = Files.readString(out.resolve("index.json"));
        assertTrue(index.contains(manifest.bundleId()), index);
    }

    /**
     * Chunks that do not compress are written as raw zstd frames with their tar header records copied from a
     * header-only tar stream: a long non-ASCII name (pax header) and a short one must come out of gpg | zstd | tar
     * byte for byte, beside a compressed entry, and the stored part must not be larger than its data.
     */
    @Test
    void storedChunksWithLongNonAsciiNamesExtractWithStockTools() throws Exception {
        TestKeys keys = TestKeys.create(tmp);
        String longName = "objects/" + "Rapport annuel — été 2026 ".repeat(6).trim() + ".pdf";
        byte[] random = new byte[3 << 20];
        new Random(11).nextBytes(random);
        byte[] rows = "{\"id\":42,\"name\":\"a row\"}\n".repeat(40_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path bundle = tmp.resolve("stored.ferry");
        try (BundleWriter writer = BundleWriter.create(bundle, new SealingOptions(List.of(keys.recipient()), keys.signing(), 8L << 20, "interop", 1))) {
            try (StoreWriter store = writer.openStore("objects")) {
                for (var entry : java.util.Map.of(longName, random, "objects/short.bin", PAYLOAD, "rows.json", rows).entrySet()) {
                    try (EntryOutputStream e = store.newEntry(entry.getKey())) {
                        e.write(entry.getValue());
                    }
                }
            }
            writer.finish();
        }
        gpg.gpg(null, "--import", keys.encryptionFiles().secretKey().toString()).ok();
        gpg.gpg(null, "--import", keys.signingFiles().publicKey().toString()).ok();
        Path out = Files.createDirectories(tmp.resolve("extract"));
        long partBytes = 0;
        try (var parts = Files.list(bundle)) {
            for (Path part : parts.filter(p -> p.toString().endsWith(".gpg")).toList()) {
                gpg.sh("gpg --batch --decrypt '" + part + "' | zstd -d | tar -x -C '" + out + "'").ok();
                partBytes += Files.size(part);
            }
        }
        gpg.sh("cd '" + out + "/data' && cat '" + longName + "' '" + longName + "'~* > whole").ok();
        assertArrayEquals(random, Files.readAllBytes(out.resolve("data/whole")));
        assertArrayEquals(PAYLOAD, Files.readAllBytes(out.resolve("data/objects/short.bin")));
        assertArrayEquals(rows, Files.readAllBytes(out.resolve("data/rows.json")));
        // Random data stored as is (a few bytes of framing per 128 KiB), the rows compressed well below their size.
        assertTrue(partBytes < random.length + PAYLOAD.length + rows.length / 4, partBytes + " bytes of parts");

        VerifiedBundle verified = BundleVerifier.verify(bundle, keys.signer(), keys.decryption());
        java.util.Map<String, byte[]> read = new java.util.concurrent.ConcurrentHashMap<>();
        verified.read("objects", 1, e -> {
            try (var in = e.open()) {
                read.put(e.path(), in.readAllBytes());
            }
        });
        assertArrayEquals(random, read.get(longName));
        assertArrayEquals(PAYLOAD, read.get("objects/short.bin"));
        assertArrayEquals(rows, read.get("rows.json"));
    }

    @Test
    void entrySpanningPartsIsReassembledByHandWithGpgAndCat() throws Exception {
        TestKeys keys = TestKeys.create(tmp);
        Path bundle = tmp.resolve("span.ferry");
        Manifest manifest = seal(bundle, keys.recipient(), keys.signing(), 64 << 10);
        assertTrue(manifest.parts().size() >= 3, manifest.parts().toString());
        gpg.gpg(null, "--import", keys.encryptionFiles().secretKey().toString()).ok();
        gpg.gpg(null, "--import", keys.signingFiles().publicKey().toString()).ok();
        Path out = Files.createDirectories(tmp.resolve("extract"));
        for (PartInfo part : manifest.parts()) {
            gpg.sh("gpg --batch --decrypt '" + bundle.resolve(part.file()) + "' | zstd -d | tar -x -C '" + out + "'").ok();
            assertTrue(Files.size(bundle.resolve(part.file())) <= 64 << 10);
        }
        gpg.sh("cd '" + out + "/data/objects/1' && cat 000001 000001~* > whole").ok();
        assertArrayEquals(PAYLOAD, Files.readAllBytes(out.resolve("data/objects/1/whole")));
    }

    @Test
    void gpgGeneratedEd25519KeysWithPassphraseWorkInFerry() throws Exception {
        gpgGeneratedKeysWork("ed25519", "cv25519");
    }

    @Test
    void gpgGeneratedRsaKeysWithPassphraseWorkInFerry() throws Exception {
        gpgGeneratedKeysWork("rsa2048", "rsa2048");
    }

    private void gpgGeneratedKeysWork(String signAlgo, String encryptAlgo) throws Exception {
        String pw = "correct horse";
        for (String who : List.of("signer", "recipient")) {
            gpg.gpg(null, "--passphrase", pw, "--quick-gen-key", who + " <" + who + "@example.org>", signAlgo, "sign", "never").ok();
        }
        String recipientFpr = gpg.fingerprint("recipient@example.org");
        gpg.gpg(null, "--passphrase", pw, "--quick-add-key", recipientFpr, encryptAlgo, "encr", "never").ok();
        Path signerPub = tmp.resolve("signer.pub.asc");
        Path signerSec = tmp.resolve("signer.sec.asc");
        Path recipientPub = tmp.resolve("recipient.pub.asc");
        Path recipientSec = tmp.resolve("recipient.sec.asc");
        gpg.gpg(signerPub, "--armor", "--export", "signer@example.org").ok();
        gpg.gpg(signerSec, "--passphrase", pw, "--armor", "--export-secret-keys", "signer@example.org").ok();
        gpg.gpg(recipientPub, "--armor", "--export", "recipient@example.org").ok();
        gpg.gpg(recipientSec, "--passphrase", pw, "--armor", "--export-secret-keys", "recipient@example.org").ok();
        Passphrase passphrase = Passphrase.of(pw.toCharArray(), "the test passphrase");

        SigningKey signing = KeyFiles.signingKey(signerSec, passphrase);
        SignerKey signer = KeyFiles.signer(signerPub);
        RecipientKey recipient = KeyFiles.recipient(recipientPub);
        DecryptionKey decryption = KeyFiles.decryptionKey(recipientSec, passphrase);
        assertEquals(gpg.fingerprint("signer@example.org"), signer.fingerprint());
        assertEquals(signer.fingerprint(), signing.fingerprint());
        assertEquals(recipientFpr, recipient.fingerprint());

        Path bundle = tmp.resolve("g.ferry");
        Manifest manifest = seal(bundle, recipient, signing, 1 << 20);
        VerifiedBundle verified = BundleVerifier.verify(bundle, signer, decryption);
        AtomicReference<byte[]> read = new AtomicReference<>();
        verified.read("objects", 1, e -> {
            if (e.path().equals("objects/1/000001")) {
                read.set(e.open().readAllBytes());
            }
        });
        assertArrayEquals(PAYLOAD, read.get());
        Gpg.Result decrypt = gpg.gpg(tmp.resolve("p"), "--passphrase", pw, "--status-fd", "2", "--decrypt",
                bundle.resolve(manifest.parts().get(0).file()).toString()).ok();
        assertTrue(decrypt.err().contains("[GNUPG:] GOODSIG"), decrypt.err());
    }

    @Test
    void ferryGeneratedKeysImportIntoGpgAndWorkThere() throws Exception {
        for (KeyGenerator.Algorithm algorithm : KeyGenerator.Algorithm.values()) {
            String name = "k-" + algorithm.name().toLowerCase();
            KeyGenerator.Generated g = KeyGenerator.generate(tmp, name, name + " <" + name + "@example.org>", algorithm, "s3cret".toCharArray());
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(g.secretKey())));
            gpg.gpg(null, "--import", g.publicKey().toString()).ok();
            gpg.gpg(null, "--passphrase", "s3cret", "--import", g.secretKey().toString()).ok();
            assertEquals(g.fingerprint(), gpg.fingerprint(name + "@example.org"));
            String secrets = gpg.gpg(null, "--with-colons", "--list-secret-keys", g.fingerprint()).ok().out();
            assertTrue(secrets.contains(":e:") || secrets.contains(":e::") || secrets.contains("ssb:"), secrets);
            // gpg can use both halves: encrypt to the key, then decrypt and sign with its secret.
            Path msg = tmp.resolve(name + ".txt");
            Files.writeString(msg, "hello " + name);
            gpg.gpg(null, "--trust-model", "always", "--passphrase", "s3cret", "--local-user", g.fingerprint(), "--recipient", g.fingerprint(),
                    "--sign", "--encrypt", "--output", msg + ".gpg", msg.toString()).ok();
            Gpg.Result d = gpg.gpg(tmp.resolve(name + ".out"), "--passphrase", "s3cret", "--status-fd", "2", "--decrypt", msg + ".gpg").ok();
            assertTrue(d.err().contains("GOODSIG"), d.err());
            assertEquals("hello " + name, Files.readString(tmp.resolve(name + ".out")));
        }
    }
}

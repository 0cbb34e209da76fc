package dev.ferry.importer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.KeyGenerator;
import dev.ferry.archive.keys.Passphrase;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.seal.BundleWriter;
import dev.ferry.archive.seal.EntryOutputStream;
import dev.ferry.archive.seal.SealingOptions;
import dev.ferry.archive.seal.StoreWriter;
import dev.ferry.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    @TempDir
    Path tmp;
    Path bundle;
    Path signerPub;
    Path decryptionSec;
    Manifest manifest;

    /** Runs ferry-import in this JVM and captures what it prints. */
    static CliRunner.Captured run(String... args) {
        return CliRunner.capture("ferry-import", new ImportCli(), args);
    }

    @BeforeEach
    void seal() throws Exception {
        KeyGenerator.Generated s = KeyGenerator.generate(tmp, "s", "Signer <s@example.org>", KeyGenerator.Algorithm.ED25519, new char[0]);
        KeyGenerator.Generated r = KeyGenerator.generate(tmp, "r", "Recipient <r@example.org>", KeyGenerator.Algorithm.ED25519, new char[0]);
        signerPub = s.publicKey();
        decryptionSec = r.secretKey();
        bundle = tmp.resolve("kea.ferry");
        try (BundleWriter w = BundleWriter.create(bundle, new SealingOptions(List.of(KeyFiles.recipient(r.publicKey())),
                KeyFiles.signingKey(s.secretKey(), Passphrase.none()), 1 << 20, "kea-test", 1))) {
            try (StoreWriter store = w.openStore("openfga"); EntryOutputStream e = store.newEntry("tuples.jsonl")) {
                e.write("{\"user\":\"user:1\",\"relation\":\"owner\",\"object\":\"doc:1\"}\n".getBytes());
                e.count("tuples", 1);
            }
            w.note("opensearch", "not carried");
            manifest = w.finish();
        }
    }

    @Test
    void sealedCheckWithoutKeyPasses() {
        CliRunner.Captured r = run("verify", bundle.toString(), "--signer", signerPub.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("VERIFIED (sealed)"), r.out());
        assertTrue(r.out().contains("openfga") && r.out().contains("tuples=1"), r.out());
        assertTrue(r.out().contains("opensearch: not carried"), r.out());
    }

    @Test
    void fullCheckWithKeyPassesAndReportsJson() throws Exception {
        CliRunner.Captured r = run("verify", bundle.toString(), "--signer", signerPub.toString(), "--decryption-key", decryptionSec.toString(),
                "--no-passphrase", "--json");
        assertEquals(0, r.exit(), r.err() + r.out());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertTrue(json.get("verified").asBoolean());
        assertTrue(json.get("decrypted").asBoolean());
        assertEquals(manifest.bundleId(), json.get("manifest").get("bundleId").asText());
        assertEquals(1, json.get("stores").get(0).get("counts").get("tuples").asLong());
    }

    @Test
    void tamperedBundleExitsThreeNamingTheFile() throws Exception {
        Path part = bundle.resolve(manifest.parts().get(0).file());
        byte[] bytes = Files.readAllBytes(part);
        bytes[bytes.length - 30] ^= 0x40;
        Files.write(part, bytes);
        CliRunner.Captured r = run("verify", bundle.toString(), "--signer", signerPub.toString());
        assertEquals(3, r.exit());
        assertTrue(r.out().contains("FAILED") && r.out().contains(manifest.parts().get(0).file()), r.out());
        assertTrue(r.err().contains("failed verification"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void wrongKeyFilesExitTwo() {
        CliRunner.Captured secretAsSigner = run("verify", bundle.toString(), "--signer", decryptionSec.toString());
        assertEquals(2, secretAsSigner.exit());
        assertTrue(secretAsSigner.err().contains("SECRET key"), secretAsSigner.err());
        CliRunner.Captured missing = run("verify", bundle.toString());
        assertEquals(2, missing.exit());
        CliRunner.Captured notABundle = run("verify", tmp.resolve("nope").toString(), "--signer", signerPub.toString());
        assertEquals(2, notABundle.exit());
    }
}

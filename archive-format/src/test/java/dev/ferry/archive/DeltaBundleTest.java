package dev.ferry.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.archive.format.FormatRules;
import dev.ferry.archive.format.Json;
import dev.ferry.archive.keys.OpenPgpSecretKey;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.pgp.BadPartException;
import dev.ferry.archive.pgp.PartDecryptor;
import dev.ferry.archive.read.BundleVerifier;
import dev.ferry.archive.read.VerificationReport;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.archive.seal.BundleWriter;
import dev.ferry.archive.seal.EntryOutputStream;
import dev.ferry.archive.seal.SealingOptions;
import dev.ferry.archive.seal.StoreWriter;
import dev.ferry.archive.state.ExporterStateFile;
import dev.ferry.common.ConfigException;
import dev.ferry.common.VerificationException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format version 2 (a delta names its base) and the exporter's private state file: sealed to the signer's own
 * encryption subkey, listed in SHA256SUMS, accepted and ignored by verification, readable by that signer alone.
 */
class DeltaBundleTest {
    private static final byte[] STATE = "{\"catalog\":\"teams/alpha/Quarterly report.pdf\"}\n".getBytes(StandardCharsets.UTF_8);
    private static final String BASE = "0123456789abcdef0123456789abcdef";

    @TempDir
    static Path keysDir;
    static TestKeys keys;
    static TestKeys otherKeys;

    @TempDir
    Path tmp;

    @BeforeAll
    static void keys() throws Exception {
        keys = TestKeys.create(keysDir);
        otherKeys = TestKeys.create(Files.createDirectories(keysDir.resolve("other")));
    }

    private Path bundle(String name, String base, byte[] state) throws Exception {
        Path bundle = tmp.resolve(name);
        try (BundleWriter w = BundleWriter.create(bundle, new SealingOptions(List.of(keys.recipient()), keys.signing(), 1 << 20, "t", 1))) {
            if (base != null) {
                w.base(base);
            }
            try (StoreWriter s = w.openStore("objects"); EntryOutputStream e = s.newEntry("objects/1/000001")) {
                e.write(new byte[] {1, 2, 3});
                e.count("objects", 1);
            }
            if (state != null) {
                try (OutputStream out = w.exporterState()) {
                    out.write(state);
                }
            }
            w.finish();
        }
        return bundle;
    }

    @Test
    void aDeltaIsVersionTwoNamesItsBaseAndVerifiesWithItsState() throws Exception {
        Path bundle = bundle("d.ferry", BASE, STATE);
        Manifest m = Json.MAPPER.readValue(bundle.resolve(FormatRules.MANIFEST).toFile(), Manifest.class);
        assertEquals(2, m.formatVersion());
        assertEquals(BASE, m.base());
        assertTrue(Files.readString(bundle.resolve(FormatRules.MANIFEST)).contains("\"base\" : \"" + BASE + "\""));
        String sums = Files.readString(bundle.resolve(FormatRules.SUMS));
        assertTrue(sums.contains("  " + FormatRules.EXPORTER_STATE + "\n"), sums);
        VerifiedBundle verified = BundleVerifier.verify(bundle, keys.signer(), keys.decryption());
        assertEquals(BASE, verified.manifest().base());
        VerificationReport sealed = BundleVerifier.verifySealed(bundle, keys.signer());
        assertTrue(sealed.ok(), sealed.problems()::toString);
    }

    @Test
    void aFullBundleStaysVersionOneWithoutABaseField() throws Exception {
        Path bundle = bundle("f.ferry", null, STATE);
        Manifest m = Json.MAPPER.readValue(bundle.resolve(FormatRules.MANIFEST).toFile(), Manifest.class);
        assertEquals(1, m.formatVersion());
        assertNull(m.base());
        assertFalse(Files.readString(bundle.resolve(FormatRules.MANIFEST)).contains("\"base\""));
        assertTrue(BundleVerifier.verifySealed(bundle, keys.signer()).ok());
    }

    @Test
    void theStateReadsBackWithTheSigningKeyAloneAndHoldsNothingInClear() throws Exception {
        Path bundle = bundle("s.ferry", null, STATE);
        byte[] raw = Files.readAllBytes(bundle.resolve(FormatRules.EXPORTER_STATE));
        assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains("Quarterly"), "the state is encrypted");
        AtomicReference<byte[]> read = new AtomicReference<>();
        ExporterStateFile.Base base = ExporterStateFile.read(bundle, keys.signing(), in -> read.set(in.readAllBytes()));
        assertArrayEquals(STATE, read.get());
        assertEquals(Json.MAPPER.readValue(bundle.resolve(FormatRules.MANIFEST).toFile(), Manifest.class).bundleId(), base.bundleId());

        // The Target's key cannot open it: it is sealed to the exporter's own subkey only.
        BadPartException notForTarget = assertThrows(BadPartException.class, () -> {
            try (PartDecryptor d = new PartDecryptor(bundle.resolve(FormatRules.EXPORTER_STATE),
                    (OpenPgpSecretKey) keys.decryption(), ((OpenPgpSecretKey) keys.signing()).certificate())) {
                d.literal().readAllBytes();
            }
        });
        assertTrue(notForTarget.getMessage().contains("not for the decryption key"), notForTarget.getMessage());
        // Nor does another exporter's key: its signatures do not match.
        VerificationException other = assertThrows(VerificationException.class,
                () -> ExporterStateFile.read(bundle, otherKeys.signing(), in -> in.readAllBytes()));
        assertTrue(other.problem().contains("does not verify against the signing key"), other.problem());
    }

    @Test
    void aTamperedStateIsRefused() throws Exception {
        Path bundle = bundle("t.ferry", null, STATE);
        Path state = bundle.resolve(FormatRules.EXPORTER_STATE);
        byte[] raw = Files.readAllBytes(state);
        raw[raw.length / 2] ^= 1;
        Files.write(state, raw);
        assertThrows(VerificationException.class, () -> ExporterStateFile.read(bundle, keys.signing(), in -> in.readAllBytes()));
        assertFalse(BundleVerifier.verifySealed(bundle, keys.signer()).problems().stream().anyMatch(p -> p.contains(FormatRules.EXPORTER_STATE)),
                "verification ignores the state's content: it is not what the Target loads");
    }

    @Test
    void aBaseWithoutStateGetsAnErrorWithTheFix() throws Exception {
        Path bundle = bundle("n.ferry", null, null);
        assertFalse(Files.readString(bundle.resolve(FormatRules.SUMS)).contains(FormatRules.EXPORTER_STATE));
        ConfigException e = assertThrows(ConfigException.class, () -> ExporterStateFile.read(bundle, keys.signing(), in -> in.readAllBytes()));
        assertTrue(e.problem().contains("holds no exporter state"), e.problem());
        assertTrue(e.fix().contains("full pass"), e.fix());
    }

    @Test
    void readersRefuseAnUnknownVersionAndAVersionOneManifestWithABase() throws Exception {
        Path three = bundle("three.ferry", null, null);
        BundleForge.resign(three, keys.signing(), m -> new Manifest(3, m.bundleId(), m.createdAt(), m.toolVersion(), m.sourceLabel(),
                m.parts(), m.stores(), m.notes(), BASE));
        VerificationReport r3 = BundleVerifier.verifySealed(three, keys.signer());
        assertTrue(r3.problems().stream().anyMatch(p -> p.contains("format version 3")), r3.problems()::toString);

        Path mixed = bundle("mixed.ferry", null, null);
        BundleForge.resign(mixed, keys.signing(), m -> new Manifest(1, m.bundleId(), m.createdAt(), m.toolVersion(), m.sourceLabel(),
                m.parts(), m.stores(), m.notes(), BASE));
        VerificationReport r1 = BundleVerifier.verifySealed(mixed, keys.signer());
        assertTrue(r1.problems().stream().anyMatch(p -> p.contains("names a base bundle but is of format version 1")), r1.problems()::toString);

        Path noBase = bundle("nobase.ferry", null, null);
        BundleForge.resign(noBase, keys.signing(), m -> new Manifest(2, m.bundleId(), m.createdAt(), m.toolVersion(), m.sourceLabel(),
                m.parts(), m.stores(), m.notes(), null));
        VerificationReport r2 = BundleVerifier.verifySealed(noBase, keys.signer());
        assertTrue(r2.problems().stream().anyMatch(p -> p.contains("without a valid base")), r2.problems()::toString);
    }
}

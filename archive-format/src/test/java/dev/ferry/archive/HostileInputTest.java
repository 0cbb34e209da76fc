package dev.ferry.archive;

import static dev.ferry.archive.BundleForge.Member;
import static dev.ferry.archive.BundleForge.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ferry.archive.format.Chunk;
import dev.ferry.archive.format.IndexRecord;
import dev.ferry.archive.format.ReadLimits;
import dev.ferry.archive.keys.OpenPgpPublicKey;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.manifest.PartInfo;
import dev.ferry.archive.manifest.StoreSummary;
import dev.ferry.archive.read.BundleVerifier;
import dev.ferry.archive.read.VerificationReport;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.archive.seal.BundleWriter;
import dev.ferry.archive.seal.EntryOutputStream;
import dev.ferry.archive.seal.SealingOptions;
import dev.ferry.archive.seal.StoreWriter;
import dev.ferry.common.VerificationException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every hostile input of issue 2, each refused with an error naming the file and the reason. */
class HostileInputTest {
    @TempDir
    static Path keysDir;
    static TestKeys keys;
    static TestKeys otherKeys;

    @TempDir
    Path tmp;
    Path bundle;
    Manifest manifest;

    static final byte[] A = "alpha\n".getBytes();
    static final byte[] B = "bravo bravo\n".getBytes();

    @BeforeAll
    static void keys() {
        keys = TestKeys.create(keysDir);
        otherKeys = TestKeys.create(keysDir, "other-signer", "other-recipient", dev.ferry.archive.keys.KeyGenerator.Algorithm.ED25519);
    }

    @BeforeEach
    void sealGoodBundle() {
        bundle = tmp.resolve("good.ferry");
        manifest = seal(bundle, 1 << 20, keys);
    }

    static Manifest seal(Path dir, long volume, TestKeys with) {
        try (BundleWriter w = BundleWriter.create(dir, new SealingOptions(List.of(with.recipient()), with.signing(), volume, "t", 1))) {
            try (StoreWriter s = w.openStore("postgres")) {
                for (var e : Map.of("a", A, "b", B).entrySet()) {
                    try (EntryOutputStream out = s.newEntry(e.getKey())) {
                        out.write(e.getValue());
                        out.count("rows", 1);
                    }
                }
            }
            return w.finish();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String part() {
        return manifest.parts().get(0).file();
    }

    /** Replaces the bundle's only part by a forged one, signed by the pinned signer, and re-signs the manifest. */
    private void forge(List<Member> members, List<IndexRecord> records) throws IOException {
        byte[] index = BundleForge.indexJson(manifest.bundleId(), "postgres", 1, 1, 1, true, records);
        PartInfo forged = BundleForge.writePart(bundle.resolve(part()), "postgres", 1, members, index,
                (OpenPgpPublicKey) keys.recipient(), keys.signing());
        BundleForge.resign(bundle, keys.signing(), m -> BundleForge.withPart(m, forged));
    }

    private VerificationException refused() {
        return refused(ReadLimits.DEFAULT);
    }

    private VerificationException refused(ReadLimits limits) {
        return assertThrows(VerificationException.class, () -> BundleVerifier.verify(bundle, keys.signer(), keys.decryption(), limits));
    }

    private static void assertNames(VerificationException e, String file, String reason) {
        assertTrue(e.problem().contains(file), "names the file " + file + ": " + e.problem());
        assertTrue(e.problem().contains(reason), "gives the reason '" + reason + "': " + e.problem());
        assertFalse(e.fix().isBlank());
    }

    @Test
    void theUntouchedBundleVerifies() {
        assertEquals(2, BundleVerifier.verify(bundle, keys.signer(), keys.decryption()).index("postgres").size());
    }

    @Test
    void theForgeItselfProducesVerifiableParts() throws IOException {
        forge(List.of(Member.file("data/a", A), Member.file("data/b", B)), List.of(record("a", A), record("b", B)));
        BundleForge.resign(bundle, keys.signing(), m -> m);
        assertEquals(2, BundleVerifier.verify(bundle, keys.signer(), keys.decryption()).index("postgres").size());
    }

    @Test
    void absolutePathIsRefused() throws IOException {
        forge(List.of(Member.file("/etc/cron.d/evil", A)), List.of(record("a", A)));
        assertNames(refused(), part(), "absolute path");
    }

    @Test
    void dotDotPathIsRefused() throws IOException {
        forge(List.of(Member.file("data/../../home/x/.bashrc", A)), List.of(record("a", A)));
        assertNames(refused(), part(), "'..'");
    }

    @Test
    void symbolicLinkIsRefused() throws IOException {
        forge(List.of(new Member("data/a", TarArchiveEntry.LF_SYMLINK, new byte[0], "/etc/shadow")), List.of(record("a", A)));
        assertNames(refused(), part(), "is a link");
    }

    @Test
    void hardLinkIsRefused() throws IOException {
        forge(List.of(new Member("data/a", TarArchiveEntry.LF_LINK, new byte[0], "data/b")), List.of(record("a", A)));
        assertNames(refused(), part(), "is a link");
    }

    @Test
    void deviceIsRefused() throws IOException {
        forge(List.of(new Member("data/a", TarArchiveEntry.LF_CHR, new byte[0], null)), List.of(record("a", A)));
        assertNames(refused(), part(), "device");
    }

    @Test
    void duplicateEntryNamesAreRefused() throws IOException {
        forge(List.of(Member.file("data/a", A), Member.file("data/a", A)), List.of(record("a", A), record("a", A)));
        assertNames(refused(), part(), "duplicate entry name");
    }

    @Test
    void memberMissingFromTheIndexIsRefused() throws IOException {
        forge(List.of(Member.file("data/a", A), Member.file("data/smuggled", B)), List.of(record("a", A)));
        assertNames(refused(), part(), "'data/smuggled' is not in the index");
    }

    @Test
    void indexEntryMissingFromThePartIsRefused() throws IOException {
        forge(List.of(Member.file("data/a", A)), List.of(record("a", A), record("b", B)));
        assertNames(refused(), part(), "which the part does not hold");
    }

    @Test
    void sizeDisagreeingWithTheIndexIsRefused() throws IOException {
        forge(List.of(Member.file("data/a", "alpha, longer than indexed\n".getBytes())), List.of(record("a", A)));
        assertNames(refused(), part(), "but the index says");
    }

    @Test
    void contentDisagreeingWithTheIndexHashIsRefused() throws IOException {
        forge(List.of(Member.file("data/a", "ALPHA\n".getBytes())), List.of(record("a", A)));
        assertNames(refused(), part(), "does not match its SHA-256");
    }

    /** An entry "a" of two chunks, A then B, whose chunk hashes are the given ones. */
    private static IndexRecord twoChunkRecord(String firstChunkSha, String secondChunkSha) {
        byte[] whole = (new String(A) + new String(B)).getBytes();
        return new IndexRecord("a", 0, List.of(new Chunk(A.length, firstChunkSha), new Chunk(B.length, secondChunkSha)), true,
                (long) whole.length, BundleForge.sha256(whole), Map.of("rows", 1L), JsonNodeFactory.instance.objectNode());
    }

    @Test
    void chunkHashesAreTheEntrysHashThroughEachChunkAndReadBackWhole() throws IOException {
        byte[] whole = (new String(A) + new String(B)).getBytes();
        forge(List.of(Member.file("data/a", A), Member.file("data/a~000001", B), Member.file("data/b", B)),
                List.of(twoChunkRecord(BundleForge.sha256(A), BundleForge.sha256(whole)), record("b", B)));
        BundleForge.resign(bundle, keys.signing(), m -> new Manifest(m.formatVersion(), m.bundleId(), m.createdAt(), m.toolVersion(),
                m.sourceLabel(), m.parts(), Map.of("postgres", new StoreSummary(Map.of("rows", 2L), 2, whole.length + B.length)), m.notes()));
        VerifiedBundle verified = BundleVerifier.verify(bundle, keys.signer(), keys.decryption());
        Map<String, String> read = new java.util.concurrent.ConcurrentHashMap<>();
        verified.read("postgres", 1, e -> {
            try (var in = e.open()) {
                read.put(e.path(), new String(in.readAllBytes()));
            }
        });
        assertEquals(Map.of("a", new String(whole), "b", new String(B)), read);
    }

    @Test
    void chunkHashOfTheChunkAloneIsRefused() throws IOException {
        // The second chunk carries the SHA-256 of its own bytes, not of the entry through it; the entry's hash is right.
        forge(List.of(Member.file("data/a", A), Member.file("data/a~000001", B), Member.file("data/b", B)),
                List.of(twoChunkRecord(BundleForge.sha256(A), BundleForge.sha256(B)), record("b", B)));
        assertNames(refused(), part(), "member 'data/a~000001' does not match its SHA-256 in the index");
    }

    @Test
    void partReplacedAfterVerificationIsRefusedOnReadingAndTheAlteredEntryIsNeverReleased() throws IOException {
        VerifiedBundle verified = BundleVerifier.verify(bundle, keys.signer(), keys.decryption());
        byte[] altered = "ALPHA\n".getBytes();
        List<Member> members = new ArrayList<>();
        List<IndexRecord> records = new ArrayList<>();
        for (var entry : verified.index("postgres")) { // same order, names and sizes: only a's bytes differ
            byte[] data = entry.path().equals("a") ? altered : B;
            members.add(Member.file("data/" + entry.path(), data));
            records.add(record(entry.path(), data));
        }
        forge(members, records); // a genuine-looking part, even signed by the pinned signer
        List<String> released = new ArrayList<>();
        VerificationException e = assertThrows(VerificationException.class, () -> verified.read("postgres", 1, entry -> {
            try (var in = entry.open()) {
                released.add(new String(in.readAllBytes()));
            }
        }));
        assertNames(e, part(), "member 'data/a' changed since the bundle was verified; nothing of it was released");
        assertFalse(released.contains(new String(altered)), "released: " + released);
    }

    @Test
    void countsDisagreeingWithTheManifestAreRefused() throws IOException {
        BundleForge.resign(bundle, keys.signing(), m -> new Manifest(m.formatVersion(), m.bundleId(), m.createdAt(), m.toolVersion(),
                m.sourceLabel(), m.parts(), Map.of("postgres", new StoreSummary(Map.of("rows", 3L), 2, A.length + B.length)), m.notes()));
        assertNames(refused(), "manifest.json", "claims rows = 3, but its entries sum to 2");
    }

    @Test
    void decompressionBombIsRefused() throws IOException {
        byte[] zeros = new byte[4 << 20];
        forge(List.of(Member.file("data/z", zeros), Member.file("data/z~000001", zeros), Member.file("data/z~000002", zeros)),
                List.of(record("z", zeros)));
        assertNames(refused(new ReadLimits(1024, 1 << 20, 4 << 20, 1 << 20)), part(), "decompression ratio");
    }

    @Test
    void oversizedMemberIsRefused() throws IOException {
        forge(List.of(Member.file("data/a", new byte[5 << 20])), List.of(record("a", A)));
        assertNames(refused(), part(), "over the chunk limit");
    }

    @Test
    void manifestFromAnotherBundleIsRefused() throws IOException {
        Path other = tmp.resolve("other.ferry");
        seal(other, 1 << 20, keys);
        Files.copy(other.resolve("manifest.json"), bundle.resolve("manifest.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(other.resolve("manifest.json.sig"), bundle.resolve("manifest.json.sig"), StandardCopyOption.REPLACE_EXISTING);
        VerificationException e = refused();
        assertNames(e, "manifest.json", "belongs to another bundle");
        assertFalse(BundleVerifier.verifySealed(bundle, keys.signer()).ok());
    }

    @Test
    void partSwappedInFromAnotherBundleIsRefusedEvenWhenTheSignerListsIt() throws IOException {
        Path other = tmp.resolve("other.ferry");
        Manifest otherManifest = seal(other, 1 << 20, keys);
        Files.copy(other.resolve(otherManifest.parts().get(0).file()), bundle.resolve(part()), StandardCopyOption.REPLACE_EXISTING);
        VerificationReport sealed = BundleVerifier.verifySealed(bundle, keys.signer());
        assertTrue(sealed.problems().stream().anyMatch(p -> p.startsWith(part())), sealed.problems().toString());
        // Even a manifest re-signed to list the foreign part's hash does not let it in: its index names its own bundle.
        BundleForge.resign(bundle, keys.signing(), m -> BundleForge.withPart(m, new PartInfo(part(), otherManifest.parts().get(0).size(),
                otherManifest.parts().get(0).sha256(), "postgres", 1)));
        assertNames(refused(), part(), "belongs to bundle " + otherManifest.bundleId());
    }

    @Test
    void partsSwappedBetweenPositionsAreRefused() throws IOException {
        Path big = tmp.resolve("two.ferry");
        try (BundleWriter w = BundleWriter.create(big, new SealingOptions(List.of(keys.recipient()), keys.signing(), 64 << 10, "t", 1))) {
            try (StoreWriter s = w.openStore("postgres"); EntryOutputStream out = s.newEntry("big")) {
                byte[] data = new byte[200_000];
                new java.util.Random(3).nextBytes(data);
                out.write(data);
            }
            manifest = w.finish();
        }
        bundle = big;
        assertTrue(manifest.parts().size() >= 2);
        PartInfo p1 = manifest.parts().get(0);
        PartInfo p2 = manifest.parts().get(1);
        Path tmpFile = big.resolve("swap");
        Files.move(big.resolve(p1.file()), tmpFile);
        Files.move(big.resolve(p2.file()), big.resolve(p1.file()));
        Files.move(tmpFile, big.resolve(p2.file()));
        assertFalse(BundleVerifier.verifySealed(big, keys.signer()).ok());
        BundleForge.resign(big, keys.signing(), m -> {
            List<PartInfo> parts = new ArrayList<>(m.parts());
            parts.set(0, new PartInfo(p1.file(), p2.size(), p2.sha256(), p1.store(), p1.sequence()));
            parts.set(1, new PartInfo(p2.file(), p1.size(), p1.sha256(), p2.store(), p2.sequence()));
            return new Manifest(m.formatVersion(), m.bundleId(), m.createdAt(), m.toolVersion(), m.sourceLabel(), parts, m.stores(), m.notes());
        });
        assertNames(refused(), p1.file(), "swapped");
    }

    @Test
    void truncatedPartIsRefused() throws IOException {
        Path file = bundle.resolve(part());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 100);
        }
        VerificationReport sealed = BundleVerifier.verifySealed(bundle, keys.signer());
        assertTrue(sealed.problems().stream().anyMatch(p -> p.startsWith(part()) && p.contains("truncated")), sealed.problems().toString());
        // Even when a re-signed manifest lists the truncated size and hash, decryption refuses it.
        PartInfo truncated = new PartInfo(part(), Files.size(file), BundleForge.sha256(Files.readAllBytes(file)), "postgres", 1);
        BundleForge.resign(bundle, keys.signing(), m -> BundleForge.withPart(m, truncated));
        assertNames(refused(), part(), "truncated");
    }

    @Test
    void flippedByteIsRefused() throws IOException {
        Path file = bundle.resolve(part());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        PartInfo altered = new PartInfo(part(), bytes.length, BundleForge.sha256(bytes), "postgres", 1);
        BundleForge.resign(bundle, keys.signing(), m -> BundleForge.withPart(m, altered));
        assertTrue(refused().problem().contains(part()));
    }

    /**
     * The keyed verification does not hash the part file (docs/archive-format.md, "Why a keyed verification does not
     * hash the part file"): a manifest that lists a wrong SHA-256 for an authentic part is the courier's to refuse,
     * while every tamper above is refused by the keyed verification with the file's own size and hash listed. This
     * pins the division of labour, so that no later change slips a check of the content back onto the file hash.
     */
    @Test
    void theKeyedVerificationTrustsTheSignedIndexNotThePartFileHash() throws IOException {
        PartInfo genuine = manifest.parts().get(0);
        String wrong = genuine.sha256().startsWith("0") ? "1" + genuine.sha256().substring(1) : "0" + genuine.sha256().substring(1);
        BundleForge.resign(bundle, keys.signing(), m -> BundleForge.withPart(m, new PartInfo(genuine.file(), genuine.size(), wrong,
                genuine.store(), genuine.sequence())));
        VerificationReport sealed = BundleVerifier.verifySealed(bundle, keys.signer());
        assertTrue(sealed.problems().stream().anyMatch(p -> p.startsWith(part()) && p.contains("SHA-256 differs")), sealed.problems().toString());
        assertEquals(2, BundleVerifier.verify(bundle, keys.signer(), keys.decryption()).index("postgres").size(),
                "the part's content is authenticated by its signature and signed index, not by the listed file hash");
    }

    @Test
    void partSignedByAnotherKeyIsRefused() throws IOException {
        byte[] index = BundleForge.indexJson(manifest.bundleId(), "postgres", 1, 1, 1, true, List.of(record("a", A), record("b", B)));
        PartInfo forged = BundleForge.writePart(bundle.resolve(part()), "postgres", 1, List.of(Member.file("data/a", A), Member.file("data/b", B)),
                index, (OpenPgpPublicKey) keys.recipient(), otherKeys.signing());
        BundleForge.resign(bundle, keys.signing(), m -> BundleForge.withPart(m, forged));
        assertNames(refused(), part(), "not by the pinned signer");
    }

    @Test
    void bundleSignedByAnotherKeyIsRefusedByTheCourierCheck() {
        VerificationReport report = BundleVerifier.verifySealed(bundle, otherKeys.signer());
        assertTrue(report.problems().stream().anyMatch(p -> p.startsWith("manifest.json") && p.contains("not by the pinned signer")),
                report.problems().toString());
    }

    @Test
    void bundleForAnotherRecipientIsRefused() {
        VerificationException e = assertThrows(VerificationException.class,
                () -> BundleVerifier.verify(bundle, keys.signer(), otherKeys.decryption()));
        assertNames(e, part(), "another recipient");
    }

    @Test
    void unlistedPartFileIsReported() throws IOException {
        Files.writeString(bundle.resolve("postgres-09-0001.tar.zst.gpg"), "x");
        assertTrue(BundleVerifier.verifySealed(bundle, keys.signer()).problems().stream().anyMatch(p -> p.contains("does not list")));
    }
}

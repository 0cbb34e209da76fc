package dev.ferry.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.manifest.PartInfo;
import dev.ferry.archive.read.BundleVerifier;
import dev.ferry.archive.read.VerificationReport;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.archive.seal.BundleWriter;
import dev.ferry.archive.seal.EntryOutputStream;
import dev.ferry.archive.seal.SealingOptions;
import dev.ferry.archive.seal.StoreWriter;
import dev.ferry.common.ConfigException;
import dev.ferry.common.VerificationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refusal names the real cause (issue 10, point 6): a part that is not a plain file, bytes after the OpenPGP
 * message, an ASCII-armoured part, and a part altered on the medium are each called what they are, by the courier's
 * check and by full verification alike, rather than by a symptom met further on.
 */
class RefusalCauseTest {
    @TempDir
    static Path keysDir;
    static TestKeys keys;
    static TestKeys otherKeys;

    @TempDir
    Path tmp;
    Path bundle;
    Manifest manifest;
    Path part;

    @BeforeAll
    static void keys() {
        keys = TestKeys.create(keysDir);
        otherKeys = TestKeys.create(keysDir, "other-signer", "other-recipient", dev.ferry.archive.keys.KeyGenerator.Algorithm.ED25519);
    }

    @BeforeEach
    void sealGoodBundle() {
        bundle = tmp.resolve("good.ferry");
        manifest = HostileInputTest.seal(bundle, 1 << 20, keys);
        part = bundle.resolve(manifest.parts().get(0).file());
    }

    private List<String> courierProblems() {
        return BundleVerifier.verifySealed(bundle, keys.signer()).problems();
    }

    private String fullVerificationProblem() {
        return assertThrows(VerificationException.class, () -> BundleVerifier.verify(bundle, keys.signer(), keys.decryption())).problem();
    }

    /** The one problem about the part, from the courier's check; it must say {@code cause} and none of {@code wrong}. */
    private void assertCourierSays(String cause, String... wrong) {
        List<String> problems = courierProblems();
        assertEquals(1, problems.size(), problems.toString());
        assertSays(problems.get(0), cause, wrong);
    }

    private void assertSays(String problem, String cause, String... wrong) {
        assertTrue(problem.contains(part.getFileName().toString()), "names the part: " + problem);
        assertTrue(problem.contains(cause), "says '" + cause + "': " + problem);
        for (String w : wrong) {
            assertFalse(problem.contains(w), "does not say '" + w + "': " + problem);
        }
    }

    /** Lists the part's new size and hash in a manifest re-signed by the pinned signer: only decryption can tell. */
    private void relistPart() throws IOException {
        byte[] bytes = Files.readAllBytes(part);
        PartInfo relisted = new PartInfo(part.getFileName().toString(), bytes.length, BundleForge.sha256(bytes), "postgres", 1);
        BundleForge.resign(bundle, keys.signing(), m -> BundleForge.withPart(m, relisted));
    }

    @Test
    void aMissingPartIsMissing() throws IOException {
        Files.delete(part);
        assertCourierSays("the part is missing");
        assertSays(fullVerificationProblem(), "the part is missing");
    }

    @Test
    void aSymbolicLinkToTheGenuinePartIsNotARegularFile() throws IOException {
        Path elsewhere = Files.move(part, tmp.resolve("genuine.gpg"));
        Files.createSymbolicLink(part, elsewhere);
        assertCourierSays("is a symbolic link, not a regular file", "missing");
        assertSays(fullVerificationProblem(), "is a symbolic link, not a regular file", "missing");
    }

    @Test
    void aDirectoryIsNotARegularFile() throws IOException {
        Files.delete(part);
        Files.createDirectory(part);
        assertCourierSays("is a directory, not a regular file", "missing");
        assertSays(fullVerificationProblem(), "is a directory, not a regular file", "missing");
    }

    /** A FIFO is refused without being opened: reading one would wait forever for a writer. */
    @Test
    void aFifoIsNotARegularFile() throws Exception {
        Files.delete(part);
        Process mkfifo = new ProcessBuilder("mkfifo", part.toString()).redirectErrorStream(true).start();
        assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        assertCourierSays("is a FIFO, a device or a socket, not a regular file", "missing");
        assertSays(fullVerificationProblem(), "is a FIFO, a device or a socket, not a regular file", "missing");
    }

    @Test
    void aSymbolicLinkInPlaceOfTheManifestIsNotARegularFile() throws IOException {
        Path elsewhere = Files.move(bundle.resolve("manifest.json"), tmp.resolve("manifest.json"));
        Files.createSymbolicLink(bundle.resolve("manifest.json"), elsewhere);
        List<String> problems = courierProblems();
        assertEquals(List.of("manifest.json: is a symbolic link, not a regular file"), problems);
    }

    @Test
    void bytesAppendedAfterTheMessageAreNamed() throws IOException {
        Files.write(part, "trailing junk\n".getBytes(), java.nio.file.StandardOpenOption.APPEND);
        String cause = "14 bytes follow the end of its OpenPGP message";
        assertCourierSays(cause, "truncated");
        assertSays(fullVerificationProblem(), cause, "truncated");
    }

    @Test
    void bytesAppendedAfterTheMessageAreNamedEvenWhenTheManifestListsThem() throws IOException {
        Files.write(part, new byte[] {(byte) 0xc0, 1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        relistPart();
        assertEquals(List.of(), courierProblems(), "sizes and hashes agree: only the OpenPGP structure is wrong");
        assertSays(fullVerificationProblem(), "4 bytes follow the end of its OpenPGP message", "truncated", "corrupt");
    }

    private void armourThePart() throws IOException {
        ByteArrayOutputStream armoured = new ByteArrayOutputStream();
        try (ArmoredOutputStream out = ArmoredOutputStream.builder().clearHeaders().build(armoured)) {
            out.write(Files.readAllBytes(part));
        }
        Files.write(part, armoured.toByteArray());
    }

    @Test
    void anArmouredPartIsNamed() throws IOException {
        armourThePart();
        String cause = "is ASCII-armoured";
        assertCourierSays(cause, "truncated");
        assertSays(fullVerificationProblem(), cause, "truncated");
    }

    @Test
    void anArmouredPartIsNamedEvenWhenTheManifestListsIt() throws IOException {
        armourThePart();
        relistPart();
        assertEquals(List.of(), courierProblems());
        assertSays(fullVerificationProblem(), "is ASCII-armoured", "truncated", "corrupt");
    }

    /**
     * The courier's check without the key finds an altered byte by the part's SHA-256; full verification decrypts
     * first and meets a symptom (a PKESK for "another recipient", a curve point or packet version BouncyCastle rejects
     * with a runtime exception, a corrupt zstd frame, a failed MDC). Whichever it meets, the message must say what the
     * hash says: the part was altered. Every bit position of the key and packet headers is tried, where the symptoms
     * are most varied, then positions spread over the rest.
     */
    @Test
    void aPartAlteredOnTheMediumIsCalledAlteredWhereverTheByteIs() throws IOException {
        byte[] genuine = Files.readAllBytes(part);
        java.util.SortedSet<Integer> offsets = new java.util.TreeSet<>();
        for (int i = 0; i < 128; i++) {
            offsets.add(i);
        }
        for (int i = 0; i < 16; i++) {
            offsets.add(128 + i * (genuine.length - 129) / 15);
        }
        for (int offset : offsets) {
            byte[] altered = genuine.clone();
            altered[offset] ^= (byte) (1 << (offset % 8));
            Files.write(part, altered);
            assertCourierSays("its SHA-256 differs from the manifest's");
            assertSays(fullVerificationProblem(), "the part was altered after it was sealed", "corrupt", "truncated", "another recipient",
                    "MDC", "decryption fails", "signature", "internal error");
        }
    }

    /**
     * A Java class name ("EOFException", "java.io.IOException: ...", "PGPException", "ArrayIndexOutOfBoundsException")
     * or the JDK's bounds message tells an operator nothing: no refusal may show one (issue 10, point 5).
     */
    private static final java.util.regex.Pattern CLASS_NAME = java.util.regex.Pattern.compile(
            "[A-Z][A-Za-z0-9]*(?:Exception|Error)|ArrayIndexOutOfBounds|IndexOutOfBounds|\\b(?:java|javax|org|com|sun|jdk)\\.[a-z]+\\."
                    + "|out of bounds for length|getSimpleName|Cannot invoke");

    private static void assertNamesNoClass(String problem) {
        assertFalse(CLASS_NAME.matcher(problem).find(), "a refusal shows a Java class name: " + problem);
    }

    /**
     * The manifest lists the altered part's own size and hash, so full verification decrypts it and meets the damage
     * inside: in the key packet, in an OpenPGP packet, in the zstd or tar stream, or at the MDC. Each refusal says what
     * broke in words, and none shows a class name (the readers used to fall back to the exception's simple name).
     */
    @Test
    void aPartDamagedInsideRefusesInWordsWhereverTheByteIs() throws IOException {
        byte[] genuine = Files.readAllBytes(part);
        java.util.SortedSet<Integer> offsets = new java.util.TreeSet<>();
        for (int i = 0; i < 96; i++) {
            offsets.add(i);
        }
        for (int i = 0; i < 24; i++) {
            offsets.add(96 + i * (genuine.length - 97) / 23);
        }
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (int offset : offsets) {
            byte[] altered = genuine.clone();
            altered[offset] ^= (byte) (1 << (offset % 8));
            Files.write(part, altered);
            relistPart();
            String problem = fullVerificationProblem();
            assertTrue(problem.contains(part.getFileName().toString()), "names the part: " + problem);
            assertNamesNoClass(problem);
            seen.add(problem.replaceAll("\\(.*", ""));
        }
        // The sweep reaches the different readers, not one symptom over and over.
        assertTrue(seen.size() >= 3, "refusals met: " + seen);
    }

    /** The same for a part cut short at many lengths and listed as such: "ends early", never "EOFException". */
    @Test
    void aPartCutShortRefusesInWordsWhereverItEnds() throws IOException {
        byte[] genuine = Files.readAllBytes(part);
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (int i = 1; i < 40; i++) {
            int length = i < 20 ? i * 7 : (int) ((long) genuine.length * (i - 19) / 21);
            Files.write(part, java.util.Arrays.copyOf(genuine, length));
            relistPart();
            String problem = fullVerificationProblem();
            assertTrue(problem.contains("truncated") || problem.contains("ends early"), "says the part is cut short: " + problem);
            assertNamesNoClass(problem);
            seen.add(problem);
        }
        assertTrue(seen.stream().anyMatch(p -> p.contains("ends early")), "refusals met: " + seen);
    }

    /**
     * A detached signature that is cut short or has a byte changed: the courier's check says the signature packet
     * ends early or is malformed (or does not match), never the parser's exception class.
     */
    @Test
    void aDamagedManifestSignatureRefusesInWords() throws IOException {
        Path sig = bundle.resolve("manifest.json.sig");
        byte[] genuine = Files.readAllBytes(sig);
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (int length = 0; length < genuine.length; length++) {
            Files.write(sig, java.util.Arrays.copyOf(genuine, length));
            courierProblems().forEach(p -> {
                assertNamesNoClass(p);
                seen.add(p);
            });
        }
        for (int offset = 0; offset < genuine.length; offset++) {
            byte[] altered = genuine.clone();
            altered[offset] ^= (byte) (1 << (offset % 8));
            Files.write(sig, altered);
            // Not every byte counts: the signature's two-byte hash prefix is only a quick check, which OpenPGP
            // readers do not rely on; what is refused must be refused in words.
            courierProblems().forEach(p -> {
                assertNamesNoClass(p);
                seen.add(p);
            });
        }
        assertTrue(seen.stream().anyMatch(p -> p.contains("the signature packet ends early")), "refusals met: " + seen);
        assertTrue(seen.stream().anyMatch(p -> p.contains("the signature packet is malformed")), "refusals met: " + seen);
    }

    @Test
    void aPartAlteredAfterVerificationIsCalledAlteredWhenItIsReadAgain() throws IOException {
        VerifiedBundle verified = BundleVerifier.verify(bundle, keys.signer(), keys.decryption());
        byte[] altered = Files.readAllBytes(part);
        altered[altered.length / 2] ^= 0x40;
        Files.write(part, altered);
        VerificationException e = assertThrows(VerificationException.class, () -> verified.read("postgres", 1, entry -> entry.open().readAllBytes()));
        assertSays(e.problem(), "the part was altered after it was verified", "corrupt", "truncated", "MDC");
    }

    @Test
    void theWrongSignerAdviceNamesNoCommandLineFlag() {
        VerificationException e = assertThrows(VerificationException.class,
                () -> BundleVerifier.verify(bundle, otherKeys.signer(), keys.decryption()));
        assertTrue(e.problem().contains("not by the pinned signer"), e.problem());
        assertTrue(e.fix().contains("the signer's public key"), e.fix());
        assertFalse(e.fix().contains("--"), e.fix());
    }

    /** So many recipients that not even one chunk and its index fit in the smallest volume beside their key packets. */
    @Test
    void aVolumeTooSmallForAnEntryNamesNoCommandLineFlag() {
        List<dev.ferry.archive.keys.RecipientKey> recipients = java.util.Collections.nCopies(60, keys.recipient());
        ConfigException e = assertThrows(ConfigException.class, () -> {
            try (BundleWriter w = BundleWriter.create(tmp.resolve("crowded.ferry"), new SealingOptions(recipients, keys.signing(), 64 << 10, "t", 1))) {
                try (StoreWriter s = w.openStore("postgres"); EntryOutputStream out = s.newEntry("tables/a.copy")) {
                    out.write("row\n".getBytes());
                }
                w.finish();
            }
        });
        assertTrue(e.problem().contains("is too small to hold entry postgres/tables/a.copy"), e.problem());
        assertTrue(e.fix().contains("choose a larger volume size"), e.fix());
        assertFalse(e.problem().contains("--") || e.fix().contains("--"), e.problem() + " / " + e.fix());
    }

    @Test
    void aGoodBundleStillVerifies() {
        VerificationReport report = BundleVerifier.verifySealed(bundle, keys.signer());
        assertEquals(List.of(), report.problems());
        assertEquals(2, BundleVerifier.verify(bundle, keys.signer(), keys.decryption()).index("postgres").size());
    }
}

package dev.ferry.importer.cli;

import dev.ferry.common.StoreKind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.KeyGenerator;
import dev.ferry.archive.keys.Passphrase;
import dev.ferry.archive.seal.BundleWriter;
import dev.ferry.archive.seal.EntryOutputStream;
import dev.ferry.archive.seal.SealingOptions;
import dev.ferry.archive.seal.StoreWriter;
import dev.ferry.cli.CliRunner;
import dev.ferry.cli.output.JsonOutput;
import dev.ferry.cli.output.TerminalWriter;
import dev.ferry.importer.load.LoadSummary;
import dev.ferry.importer.load.StoreOutcome;
import dev.ferry.importer.report.HtmlReport;
import dev.ferry.importer.report.JsonReport;
import dev.ferry.importer.report.LoadSummaryPrinter;
import dev.ferry.importer.report.TerminalReport;
import dev.ferry.importer.validate.BundleFacts;
import dev.ferry.importer.validate.CheckResult;
import dev.ferry.importer.validate.CheckStatus;
import dev.ferry.importer.validate.Reminder;
import dev.ferry.importer.validate.StoreTally;
import dev.ferry.importer.validate.ValidationReport;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text from a bundle or a store is never printed raw. A hostile name erases the line it stands on and paints a green
 * "VERIFIED" where a refusal was; it reaches the operator as visible escapes through the verify refusal, the load
 * summary and the validation report, as text, as JSON and as HTML.
 */
class HostileTextTest {
    static final String HOSTILE = "\u001b[2K\r\u001b[32mVERIFIED\u001b[0m";
    static final String SHOWN = "\\x1b[2K\\r\\x1b[32mVERIFIED\\x1b[0m";

    @TempDir
    Path tmp;
    Path bundle;
    Path signerPub;
    Path decryptionSec;

    /** A bundle whose signer user id, source label and note carry the hostile text (the writer refuses it in entry paths); it verifies. */
    @BeforeEach
    void seal() throws Exception {
        KeyGenerator.Generated s = KeyGenerator.generate(tmp, "s", "Signer" + HOSTILE + " <s@example.org>", KeyGenerator.Algorithm.ED25519,
                new char[0]);
        KeyGenerator.Generated r = KeyGenerator.generate(tmp, "r", "Recipient <r@example.org>", KeyGenerator.Algorithm.ED25519, new char[0]);
        signerPub = s.publicKey();
        decryptionSec = r.secretKey();
        bundle = tmp.resolve("kea.ferry");
        try (BundleWriter w = BundleWriter.create(bundle, new SealingOptions(List.of(KeyFiles.recipient(r.publicKey())),
                KeyFiles.signingKey(s.secretKey(), Passphrase.none()), 1 << 20, "kea" + HOSTILE, 1))) {
            try (StoreWriter store = w.openStore("objects"); EntryOutputStream e = store.newEntry("documents/report.pdf")) {
                e.write("%PDF-1.7".getBytes(StandardCharsets.US_ASCII));
                e.count("objects", 1);
            }
            w.note("source-note", "left by" + HOSTILE);
            w.finish();
        }
    }

    @Test
    void verifyPrintsTheBundlesOwnTextEscaped() throws Exception {
        CliRunner.Captured text = VerifyCommandTest.run("verify", bundle.toString(), "--signer", signerPub.toString(),
                "--decryption-key", decryptionSec.toString(), "--no-passphrase");
        assertEquals(0, text.exit(), text.err() + text.out());
        assertClean(text.out() + text.err());
        assertTrue(text.out().contains("source \"kea" + SHOWN + "\""), text.out());
        assertTrue(text.out().contains("Signer" + SHOWN), text.out());
        assertTrue(text.out().contains("left by" + SHOWN), text.out());

        CliRunner.Captured json = VerifyCommandTest.run("verify", bundle.toString(), "--signer", signerPub.toString(), "--json");
        assertEquals(0, json.exit(), json.err());
        assertClean(json.out());
        assertEquals("kea" + HOSTILE, new ObjectMapper().readTree(json.out()).at("/manifest/sourceLabel").asText(),
                "JSON keeps the exact text, escaped the JSON way");
    }

    @Test
    void verifysRefusalOfAHostilePartFileNameIsEscaped() throws Exception {
        Files.writeString(bundle.resolve("objects-00-0001" + HOSTILE + ".gpg"), "not a part");
        for (List<String> extra : List.of(List.<String>of(), List.of("--decryption-key", decryptionSec.toString(), "--no-passphrase"),
                List.of("--json"))) {
            List<String> args = new java.util.ArrayList<>(List.of("verify", bundle.toString(), "--signer", signerPub.toString()));
            args.addAll(extra);
            CliRunner.Captured r = VerifyCommandTest.run(args.toArray(String[]::new));
            assertEquals(3, r.exit(), r.err() + r.out());
            assertClean(r.out() + r.err());
            assertTrue(r.err().contains("objects-00-0001" + SHOWN + ".gpg: a part file that the manifest does not list"), r.err());
            assertFalse(r.out().lines().anyMatch(l -> l.startsWith("VERIFIED")), "no line claims the bundle verified:\n" + r.out());
        }
    }

    @Test
    void theLoadSummaryShowsUserNamesAndStoreNamesEscaped() throws Exception {
        LoadSummary summary = new LoadSummary("0123abcd", false, tmp.resolve("state/j.journal.json"), "loaded keycloak, openfga, objects",
                List.of(new StoreOutcome(StoreKind.KEYCLOAK, StoreOutcome.Status.LOADED, Map.of("users:added", 2L), Map.of(),
                                List.of(new StoreOutcome.Notice("users who must set a new password", List.of("alice", "mallory" + HOSTILE)))),
                        new StoreOutcome(StoreKind.OPENFGA, StoreOutcome.Status.LOADED, Map.of("tuples:written", 3L),
                                Map.of("storeName", "kea" + HOSTILE, "storeId", "01J", "authorizationModelId", "01K"), List.of()),
                        new StoreOutcome(StoreKind.OBJECTS, StoreOutcome.Status.LOADED, Map.of("objects:uploaded", 1L), Map.of(),
                                List.of(new StoreOutcome.Notice("buckets created", List.of("docs" + HOSTILE))))));
        StringWriter text = new StringWriter();
        LoadSummaryPrinter.print(summary, new TerminalWriter(text));
        assertClean(text.toString());
        assertTrue(text.toString().contains("mallory" + SHOWN), text.toString());
        assertTrue(text.toString().contains("store name to 'kea" + SHOWN + "'"), text.toString());

        String json = JsonOutput.text(summary);
        assertClean(json);
        assertEquals("mallory" + HOSTILE, new ObjectMapper().readTree(json).at("/stores/0/notices/0/items/1").asText());
    }

    @Test
    void theValidationReportShowsKeysEntriesAndUsersEscapedInEveryForm() throws Exception {
        ValidationReport report = new ValidationReport(new BundleFacts("0123abcd", "kea" + HOSTILE, Instant.parse("2026-11-24T15:00:00Z"),
                "0.1.0", "0123456789ABCDEF0123456789ABCDEF01234567"), Instant.parse("2026-11-24T16:00:00Z"),
                Instant.parse("2026-11-24T16:01:00Z"), Duration.ofSeconds(3),
                List.of(new StoreTally("objects", Map.of("objects", 1L), Map.of("objects", 0L), Duration.ofSeconds(1))),
                List.of(new CheckResult("objects.content", "objects", "Every object's size and SHA-256", CheckStatus.FAIL, "1 object",
                        "0 objects" + HOSTILE, List.of("entry documents/report" + HOSTILE + ".pdf: object key 'a/b" + HOSTILE
                                + "' is missing on the Target"), 0, Duration.ofMillis(20))),
                List.of(new Reminder("keycloak.password-reset", "Users who must reset their password", "Not carried" + HOSTILE,
                        List.of("mallory" + HOSTILE))));

        StringWriter text = new StringWriter();
        new TerminalReport().render(report, new TerminalWriter(text));
        assertClean(text.toString());
        assertTrue(text.toString().contains("object key 'a/b" + SHOWN + "'"), text.toString());
        assertTrue(text.toString().contains("- mallory" + SHOWN), text.toString());

        String json = JsonOutput.text(new JsonReport().toJson(report));
        assertClean(json);
        JsonNode back = new ObjectMapper().readTree(json);
        assertEquals("mallory" + HOSTILE, back.at("/reminders/0/subjects/0").asText());

        Path html = tmp.resolve("report.html");
        new HtmlReport().write(report, html);
        String page = Files.readString(html);
        assertClean(page);
        assertTrue(page.contains("object key &#39;a/b" + SHOWN + "&#39;"), "visible in the page, as in the terminal");
    }

    /** No ESC, CR or any other control character but line ends reaches the output. */
    static void assertClean(String output) {
        output.lines().forEach(line -> line.chars().forEach(c -> assertFalse(c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f),
                "raw U+" + Integer.toHexString(c) + " in: " + line)));
        assertFalse(output.contains("\u001b") || output.contains("\r"), "no raw ESC or CR");
    }
}

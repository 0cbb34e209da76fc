package dev.ferry.tests.e2e.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.tests.generator.Profile;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import dev.ferry.tests.rehearsal.Rehearsal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rehearsal path (bin/ferry-rehearse) in the suite: small profile, on the suite's running stores, chapter 1 in two
 * passes (the first while the Source is live, then changes on the Source and the freeze pass: a delta bundle, its load
 * onto the same Target and its validation, and the migration report), and chapter 2 (the upgrade refused for the
 * fixture's GAP, then passing once the GAP is mapped).
 */
@ExtendWith(StoresExtension.class)
class RehearsalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theWholeMigrationPassesAndKeepsBundleKeysAndReport(Stores stores, @TempDir Path dir) throws Exception {
        Path keep = dir.resolve("kept");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        int code = new Rehearsal(new Rehearsal.Options(keep, 7, Profile.small()), out).runOn(stores);

        String printed = buffer.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertEquals(0, code, printed);
        assertTrue(printed.contains("Validation report: " + keep.resolve("report.html").toAbsolutePath()), printed);
        assertTrue(Files.readString(keep.resolve("report.html")).contains("PASS — the Target matches the bundle"));
        assertTrue(Files.isRegularFile(keep.resolve("bundle/manifest.json")), "the bundle is kept");

        // The freeze pass: a delta of the first bundle, loaded onto the same Target and validated.
        assertTrue(printed.contains("ferry-import validate after the freeze (objects the first validate hashed are checked by size and ETag) ... ok"),
                printed);
        String firstId = JSON.readTree(keep.resolve("bundle/manifest.json").toFile()).path("bundleId").asText();
        JsonNode freezeManifest = JSON.readTree(keep.resolve("freeze-bundle/manifest.json").toFile());
        assertEquals(firstId, freezeManifest.path("base").asText(), "the freeze bundle is a delta of the first");
        assertEquals("checked", freezeManifest.path("notes").path("freeze-guard").asText(), "the freeze pass ran the freeze guard");
        assertEquals("skipped (live pass)", JSON.readTree(keep.resolve("bundle/manifest.json").toFile()).path("notes").path("freeze-guard").asText());
        assertTrue(freezeManifest.path("stores").path("objects").path("counts").path("deleted").asLong() > 0, "deletions travel");
        assertTrue(Files.readString(keep.resolve("freeze-report.html")).contains("PASS — the Target matches the bundle"));
        // What the load dropped is in the validation report, POSSIBLE LOSS first (the small profile has username-form tuples).
        String report = Files.readString(keep.resolve("report.html"));
        assertTrue(report.contains("Dropped by the load") && report.contains("POSSIBLE LOSS"), "the report lists the dropped tuples");
        // The migration report: both passes in order, what the freeze changed, and the decision.
        String migration = Files.readString(keep.resolve("migration.html"));
        assertTrue(migration.contains("GO — traffic may be switched to the Target"), migration);
        int first = migration.indexOf("First pass — export");
        int freeze = migration.indexOf("Freeze pass — export");
        int decision = migration.indexOf("<b>Decision</b>");
        assertTrue(migration.indexOf("<b>Plan</b>") < first && first < freeze && freeze < decision, "plan, first pass, freeze pass, decision");
        assertTrue(migration.contains("a delta of bundle " + firstId), migration);
        assertTrue(printed.contains("Migration report:  " + keep.resolve("migration.html").toAbsolutePath()), printed);
        // The step checks validate's own output (exit 5, and "FAIL  No GAP agent" as the only FAIL line) and fails otherwise.
        assertTrue(printed.contains("ferry-import upgrade validate: refuses the cutover for exactly the GAP, and nothing else ... ok"),
                "chapter 2's first validate refuses the GAP, and only it:\n" + printed);
        assertTrue(printed.contains("ferry-import upgrade validate: zero GAPs, every check passing ... ok"), "and passes once it is resolved:\n" + printed);
        assertTrue(Files.readString(keep.resolve("upgrade-report-with-gap.html")).contains("NOT ready"), "the first upgrade report says so");
        assertFalse(Files.readString(keep.resolve("upgrade-report.html")).contains("NOT ready"), "the second one does not");
        assertFalse(Files.exists(keep.resolve("upgrade/secrets")), "chapter 2's store passwords are gone");
        for (String key : new String[] {"signer.pub.asc", "signer.sec.asc", "recipient.pub.asc", "recipient.sec.asc"}) {
            assertTrue(Files.readString(keep.resolve("keys").resolve(key)).startsWith("-----BEGIN PGP"), key);
        }
        assertFalse(Files.exists(keep.resolve("secrets")), "the store passwords the configs referred to are gone");
        try (Stream<Path> files = Files.walk(keep)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yaml")).toList()) {
                assertFalse(Files.readString(f).contains(stores.target().s3().secretKey()), "no secret in " + f);
            }
        }
    }
}

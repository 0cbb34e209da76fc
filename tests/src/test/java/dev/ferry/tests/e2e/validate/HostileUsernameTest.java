package dev.ferry.tests.e2e.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.tests.e2e.fixture.BundlesExtension;
import dev.ferry.tests.e2e.fixture.ExportedBundle;
import dev.ferry.tests.e2e.fixture.ExportedBundles;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.OpenFgaProbe;
import dev.ferry.tests.e2e.fixture.Shapes;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.generator.FgaTuple;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import dev.openfga.sdk.api.client.OpenFgaClient;
import dev.openfga.sdk.api.client.model.ClientTupleKey;
import dev.openfga.sdk.api.client.model.ClientWriteRequest;
import dev.openfga.sdk.api.configuration.ClientConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile OpenFGA username, end to end (issue 10, point 6): the Source store holds a username-form grant whose
 * username erases the line, paints a green "VERIFIED", reverses the text and clears the screen (ESC sequences, a bidi
 * override, C1 controls, BEL, BS). ferry-export carries it like any tuple; every load drops it (no Keycloak user has
 * that name) and lists it as a possible loss, on the terminal and in --json. validate never lists dropped tuples, so
 * the same grant is then written onto the Target store as well: validate names it as a tuple the bundle does not hold,
 * in its text, its JSON and its HTML report. Everywhere the name is shown with every control visible, never raw, and
 * it is shown (not left out).
 */
@ExtendWith({StoresExtension.class, BundlesExtension.class})
class HostileUsernameTest {
    private static final String HOSTILE = Shapes.HOSTILE_USERNAME;
    private static final String SHOWN = Shapes.HOSTILE_USERNAME_SHOWN;

    @TempDir
    Path dir;

    @Test
    void theNameIsShownEscapedByLoadAndValidateInEveryForm(Stores stores, ExportedBundles bundles) throws Exception {
        ExportedBundle bundle = bundles.of(stores, Shapes.HOSTILE);
        FgaTuple grant = Shapes.HOSTILE_GRANT.tuple(bundle.source().dataset());
        String key = grant.object() + "#" + grant.relation() + "@user:";
        assertTrue(new OpenFgaProbe(bundle.source().stores().openfga().apiUrl())
                .tuples(new OpenFgaProbe(bundle.source().stores().openfga().apiUrl()).storeId(bundle.source().names().openFgaStore()))
                .contains(grant), "the Source holds the hostile grant that ferry-export carried");

        // The load, as the terminal shows it: dropped and listed as a possible loss, escaped.
        TargetFixture t = new TargetFixture(stores, bundle, dir.resolve("text"));
        LoadRun load = t.load();
        assertEquals(0, load.exitCode(), load.all());
        assertClean("load", load.all());
        assertTrue(load.out().contains("dropped tuples with no UUID twin: POSSIBLE LOSS"), load.out());
        assertTrue(load.out().contains(key + SHOWN), "the dropped grant is listed, escaped:\n" + load.out());

        // The load with --json, into a Target of its own: the exact name, escaped the JSON way.
        TargetFixture j = new TargetFixture(stores, bundle, dir.resolve("json"));
        LoadRun loadJson = j.load("--json");
        assertEquals(0, loadJson.exitCode(), loadJson.all());
        assertClean("load --json", loadJson.all());
        assertTrue(textsOf(new ObjectMapper().readTree(loadJson.out())).contains(key + HOSTILE),
                "the JSON summary lists the dropped grant with its exact name:\n" + loadJson.out());
        assertTrue(loadJson.out().contains("\\u001B") || loadJson.out().contains("\\u001b"), loadJson.out());

        // validate lists no dropped tuple; a tuple on the Target that the bundle lacks it names, from the store.
        writeOnTarget(t, grant);
        Path html = dir.resolve("report.html");
        LoadRun validate = t.validate("--report", html.toString());
        assertNotEquals(0, validate.exitCode(), "the extra tuple fails validation:\n" + validate.all());
        assertClean("validate", validate.all());
        assertTrue(validate.out().contains("tuple " + key + SHOWN + " is on the Target but not in the bundle"), validate.out());

        String page = Files.readString(html);
        assertClean("the HTML report", page);
        assertTrue(page.contains(key + SHOWN), "the HTML report names the tuple, escaped:\n" + page);

        LoadRun validateJson = t.validate("--json");
        assertEquals(validate.exitCode(), validateJson.exitCode(), validateJson.all());
        assertClean("validate --json", validateJson.all());
        assertTrue(textsOf(new ObjectMapper().readTree(validateJson.out())).contains("tuple " + key + HOSTILE
                + " is on the Target but not in the bundle"), "the JSON report names the tuple exactly:\n" + validateJson.out());
    }

    /** OpenFGA refuses whitespace in a user, so a carriage return cannot be part of a username there (as in the contract). */
    @Test
    void openFgaRefusesACarriageReturnInAUser(Stores stores, ExportedBundles bundles) throws Exception {
        ExportedBundle bundle = bundles.of(stores, Shapes.HOSTILE);
        FgaTuple grant = Shapes.HOSTILE_GRANT.tuple(bundle.source().dataset());
        String apiUrl = bundle.source().stores().openfga().apiUrl();
        OpenFgaClient fga = new OpenFgaClient(new ClientConfiguration().apiUrl(apiUrl)
                .storeId(new OpenFgaProbe(apiUrl).storeId(bundle.source().names().openFgaStore())));
        ClientWriteRequest withCr = new ClientWriteRequest().writes(List.of(new ClientTupleKey().user("user:mallory\r\u001b[2K")
                .relation(grant.relation())._object(grant.object())));
        assertThrows(ExecutionException.class, () -> fga.write(withCr).get());
    }

    /** The grant, written onto the store the load created on the Target, as if someone had added it there. */
    private static void writeOnTarget(TargetFixture t, FgaTuple grant) throws Exception {
        String apiUrl = t.target.openfga().apiUrl();
        OpenFgaClient fga = new OpenFgaClient(new ClientConfiguration().apiUrl(apiUrl).storeId(new OpenFgaProbe(apiUrl).storeId(t.storeName)));
        fga.write(new ClientWriteRequest().writes(List.of(new ClientTupleKey().user(grant.user()).relation(grant.relation())
                ._object(grant.object())))).get();
    }

    /** Every text value of a JSON document. */
    private static List<String> textsOf(JsonNode node) {
        List<String> texts = new ArrayList<>();
        collect(node, texts);
        return texts;
    }

    private static void collect(JsonNode node, List<String> texts) {
        if (node.isTextual()) {
            texts.add(node.asText());
        }
        node.forEach(child -> collect(child, texts));
    }

    /** No ESC, CR, other C0 or C1 control, DEL, bidi control or Unicode line separator reaches the output raw. */
    private static void assertClean(String what, String output) {
        for (int i = 0; i < output.length(); i++) {
            char c = output.charAt(i);
            boolean raw = c < 0x20 && c != '\n' || c == 0x7f || c >= 0x80 && c <= 0x9f || c == 0x2028 || c == 0x2029
                    || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
            assertFalse(raw, what + ": raw U+" + String.format("%04X", (int) c) + " at " + i + " in:\n"
                    + output.substring(Math.max(0, i - 80), Math.min(output.length(), i + 80)));
        }
    }
}

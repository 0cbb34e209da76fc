package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.tests.e2e.fixture.BundlesExtension;
import dev.ferry.tests.e2e.fixture.ExpectedTuples;
import dev.ferry.tests.e2e.fixture.ExportedBundle;
import dev.ferry.tests.e2e.fixture.ExportedBundles;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.SeededSource;
import dev.ferry.tests.e2e.fixture.Shapes;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.generator.FgaTuple;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * openfga.usernameTuples: map, through a whole load and validate of what ferry-export carried from the kea Source:
 * the username-only grant lands under its user's id (the bundle's Keycloak username→id table), the generator's
 * username twins collapse onto their UUID tuples, usernames of no Keycloak user are dropped and flagged as a possible
 * loss, and validate, which applies the same mapping, passes.
 */
@ExtendWith({StoresExtension.class, BundlesExtension.class})
class UsernameTuplesMapTest {
    @TempDir
    Path dir;

    @Test
    void mappedTuplesLoadAndValidate(Stores stores, ExportedBundles bundles) throws Exception {
        ExportedBundle bundle = bundles.of(stores, Shapes.KEA);
        SeededSource source = bundle.source();
        Map<String, String> ids = source.userIdsByUsername();
        List<FgaTuple> sourceTuples = source.tuples();
        TargetFixture t = new TargetFixture(stores, bundle, dir);
        Files.writeString(t.config, Files.readString(t.config).replace("  storeName: ", "  usernameTuples: map\n  storeName: "));

        LoadRun load = t.load();
        assertEquals(0, load.exitCode(), load.all());
        long mappable = ExpectedTuples.mappable(sourceTuples, ids);
        assertTrue(mappable > 1, "the shape has twins and a username-only grant to map: " + mappable);
        assertTrue(load.out().contains("tuples:mapped = " + mappable), "every username tuple of a realm user was mapped:\n" + load.out());
        assertTrue(load.out().contains("no Keycloak user of the bundle: POSSIBLE LOSS"), load.out());
        List<FgaTuple> unmappable = sourceTuples.stream()
                .filter(tu -> ExpectedTuples.usernameForm(tu) && !ids.containsKey(tu.user().substring("user:".length()))).toList();
        assertTrue(!unmappable.isEmpty(), "the shape has usernames of no Keycloak user");
        for (FgaTuple tu : unmappable) {
            assertTrue(load.out().contains(tu.object() + "#" + tu.relation() + "@" + tu.user()), tu + " is flagged:\n" + load.out());
        }
        try (TargetProbe probe = new TargetProbe(t)) {
            List<String> tuples = probe.tuples(probe.fgaStores().get(0).getId());
            assertEquals(ExpectedTuples.onTarget(sourceTuples, ids, true), tuples);
            FgaTuple grant = Shapes.USERNAME_GRANT.tuple(source.dataset());
            assertTrue(tuples.contains(grant.object() + "#" + grant.relation() + "@user:" + Shapes.USERNAME_GRANT.user(source.dataset()).id()),
                    "the username-only grant lands under the user's id: " + grant);
        }

        LoadRun validate = t.validate();
        assertEquals(0, validate.exitCode(), validate.all());
    }
}

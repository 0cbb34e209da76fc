package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.tests.e2e.fixture.KeaSample;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.SampleBundle;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * openfga.usernameTuples: map, through a whole load and validate: bob's username-only tuple lands under his id (the
 * bundle's Keycloak username→id table), alice's username twin collapses onto her UUID tuple, dave (no Keycloak user)
 * is dropped and flagged as a possible loss, and validate, which applies the same mapping, passes.
 */
@ExtendWith(StoresExtension.class)
class UsernameTuplesMapTest {
    @TempDir
    Path dir;

    @Test
    void mappedTuplesLoadAndValidate(Stores stores) throws Exception {
        KeaSample s = new KeaSample(0, 2);
        SampleBundle.Keys keys = SampleBundle.Keys.generate(dir, "k");
        Path bundle = dir.resolve("kea.ferry");
        SampleBundle.seal(stores, s, new SampleBundle.Size(2, 1, 256 * 1024), keys, bundle);
        TargetFixture t = new TargetFixture(stores, s, keys, bundle, dir);
        Files.writeString(t.config, Files.readString(t.config).replace("  storeName: ", "  usernameTuples: map\n  storeName: "));

        LoadRun load = t.load();
        assertEquals(0, load.exitCode(), load.all());
        assertTrue(load.out().contains("tuples:mapped = 2"), "bob's and alice's username tuples were mapped:\n" + load.out());
        assertTrue(load.out().contains("no Keycloak user of the bundle: POSSIBLE LOSS") && load.out().contains("user:dave-" + s.suffix),
                "dave's tuple is flagged:\n" + load.out());
        try (TargetProbe probe = new TargetProbe(t)) {
            assertEquals(LoadTest.expectedTuples(s, true), probe.tuples(probe.fgaStores().get(0).getId()));
            assertTrue(probe.tuples(probe.fgaStores().get(0).getId()).contains("tag:t1-" + s.suffix + "#owner@user:" + s.bob.id()));
        }

        LoadRun validate = t.validate();
        assertEquals(0, validate.exitCode(), validate.all());
    }
}

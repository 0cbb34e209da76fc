package dev.ferry.tests.e2e.load;

import dev.ferry.tests.e2e.fixture.TestKeys;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaGenerator;
import dev.ferry.tests.generator.KeaSeeder;
import dev.ferry.tests.generator.Profile;
import dev.ferry.tests.generator.SeedNames;
import dev.ferry.tests.harness.PostgresEndpoint;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.rehearsal.SourceYaml;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Source every freeze benchmark starts from: the runbook profile with {@code objectBytes} of objects (seed 7)
 * seeded into the harness's Source under {@code name} (its own PostgreSQL database), throwaway keys, and a
 * source.yaml for the exporter, all under {@code work}.
 */
record BenchSource(KeaDataset dataset, SeedNames names, PostgresEndpoint db, StoreSet source, TestKeys keys, Path sourceYaml) {
    static BenchSource seed(Stores stores, Path work, String name, String label, long objectBytes) throws Exception {
        KeaDataset dataset = KeaGenerator.generate(Profile.runbook().withObjectBytes(objectBytes), 7L);
        SeedNames names = new SeedNames(name, name, name);
        StoreSet s = stores.source();
        PostgresEndpoint db = stores.createDatabase(Role.SOURCE, name);
        StoreSet source = new StoreSet(Role.SOURCE, db, s.keycloak(), s.openfga(), s.s3());
        System.out.println(KeaSeeder.seed(dataset, source, names).summary());
        TestKeys keys = TestKeys.generate(Files.createDirectories(work.resolve("keys")), "bench");
        Path sourceYaml = SourceYaml.write(Files.createDirectories(work.resolve("source")).resolve("source.yaml"),
                work.resolve("source").resolve("secrets"), source, label, names.realm(), names.openFgaStore(), names.bucketPrefix());
        return new BenchSource(dataset, names, db, source, keys, sourceYaml);
    }
}

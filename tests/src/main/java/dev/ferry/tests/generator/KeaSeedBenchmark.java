package dev.ferry.tests.generator;

import dev.ferry.tests.harness.HarnessOptions;
import dev.ferry.tests.harness.Stores;

/**
 * Run by hand: starts the harness's stores for both roles, generates a profile and seeds it into the Source with
 * kea's names, and prints how long each step took. Arguments: profile name (runbook, small, moderate, heavy;
 * default runbook), seed (default 1), total object bytes (default: the profile's).
 */
public final class KeaSeedBenchmark {
    private KeaSeedBenchmark() {
    }

    public static void main(String[] args) {
        Profile profile = switch (args.length > 0 ? args[0] : "runbook") {
            case "small" -> Profile.small();
            case "moderate" -> Profile.moderate();
            case "heavy" -> Profile.heavy();
            default -> Profile.runbook();
        };
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1L;
        if (args.length > 2) {
            profile = profile.withObjectBytes(Long.parseLong(args[2]));
        }
        long start = System.nanoTime();
        try (Stores stores = Stores.start(HarnessOptions.defaults())) {
            long started = System.nanoTime();
            KeaDataset dataset = KeaGenerator.generate(profile, seed);
            long generated = System.nanoTime();
            SeedReport report = KeaSeeder.seed(dataset, stores.source(), SeedNames.kea());
            long seeded = System.nanoTime();
            System.out.printf("profile %s seed %d: stores started in %d ms, generated in %d ms (%d users, %d rows, "
                            + "%d tuples, %d objects), seeded in %d ms; all %d ms%n%s%n", profile.name(), seed,
                    ms(start, started), ms(started, generated), dataset.users().size(),
                    dataset.rowCounts().values().stream().mapToInt(Integer::intValue).sum(), dataset.tuples().size(),
                    dataset.objects().size(), ms(generated, seeded), ms(start, seeded), report.summary());
        }
        // The MinIO SDK's OkHttp dispatcher threads are not daemons and idle for 60 s before the JVM may end.
        System.exit(0);
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }
}

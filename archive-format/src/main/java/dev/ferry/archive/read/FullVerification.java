package dev.ferry.archive.read;

import dev.ferry.archive.format.FormatRules;
import dev.ferry.archive.format.ReadLimits;
import dev.ferry.archive.keys.OpenPgpPublicKey;
import dev.ferry.archive.keys.OpenPgpSecretKey;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.manifest.PartInfo;
import dev.ferry.archive.manifest.StoreSummary;
import dev.ferry.common.FerryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Full verification: the outer check, then every lane decrypted and checked (lanes in parallel), then the counts. */
final class FullVerification {
    /** The report, and the verified lanes per store when the report is clean. */
    record Outcome(VerificationReport report, Map<String, List<VerifiedLane>> lanes) {
    }

    private FullVerification() {
    }

    static VerificationReport sealedOnly(Path dir, OpenPgpPublicKey signer) {
        OuterCheck.Result outer = OuterCheck.run(dir, signer, true);
        return new VerificationReport(outer.manifest(), false, summaries(outer.manifest(), outer.problems()), List.copyOf(outer.problems()));
    }

    static Outcome run(Path dir, OpenPgpPublicKey signer, OpenPgpSecretKey key, ReadLimits limits) {
        OuterCheck.Result outer = OuterCheck.run(dir, signer, false);
        Manifest manifest = outer.manifest();
        if (!outer.problems().isEmpty()) {
            return new Outcome(new VerificationReport(manifest, false, summaries(manifest, outer.problems()), List.copyOf(outer.problems())), Map.of());
        }
        List<String> problems = new ArrayList<>();
        Map<String, Map<Integer, List<PartInfo>>> plan = new LinkedHashMap<>();
        for (PartInfo part : manifest.parts()) {
            FormatRules.PartName name = FormatRules.parsePartFileName(part.file());
            plan.computeIfAbsent(part.store(), s -> new TreeMap<>()).computeIfAbsent(name.lane(), l -> new ArrayList<>()).add(part);
        }
        for (var store : plan.entrySet()) {
            int expectedLane = 1;
            for (var lane : store.getValue().entrySet()) {
                if (lane.getKey() != expectedLane++) {
                    problems.add(FormatRules.MANIFEST + ": store " + store.getKey() + " has no lane " + (expectedLane - 1) + " (a part is missing)");
                }
                lane.getValue().sort(Comparator.comparingInt(p -> FormatRules.parsePartFileName(p.file()).laneSequence()));
                for (int i = 0; i < lane.getValue().size(); i++) {
                    PartInfo p = lane.getValue().get(i);
                    if (FormatRules.parsePartFileName(p.file()).laneSequence() != i + 1) {
                        problems.add(p.file() + ": the part before it in its lane is missing from the manifest");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Outcome(new VerificationReport(manifest, true, summaries(manifest, problems), problems), Map.of());
        }
        Map<String, Set<String>> paths = new ConcurrentHashMap<>();
        List<Future<VerifiedLane>> futures = new ArrayList<>();
        int laneCount = plan.values().stream().mapToInt(Map::size).sum();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(laneCount, Runtime.getRuntime().availableProcessors())),
                daemonThreads("ferry-verify"));
        try {
            for (var store : plan.entrySet()) {
                Set<String> storePaths = paths.computeIfAbsent(store.getKey(), s -> ConcurrentHashMap.newKeySet());
                for (var lane : store.getValue().entrySet()) {
                    LaneVerifier verifier = new LaneVerifier(manifest.bundleId(), dir, store.getKey(), lane.getKey(), List.copyOf(lane.getValue()),
                            key, signer, limits, storePaths);
                    futures.add(pool.submit(verifier::verify));
                }
            }
            Map<String, List<VerifiedLane>> lanes = new LinkedHashMap<>();
            for (Future<VerifiedLane> f : futures) {
                try {
                    VerifiedLane lane = f.get();
                    lanes.computeIfAbsent(lane.store(), s -> new ArrayList<>()).add(lane);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof FerryException fe) {
                        problems.add(fe.problem());
                    } else {
                        problems.add("internal error while verifying: " + e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    problems.add("verification was interrupted");
                }
            }
            if (problems.isEmpty()) {
                checkSummaries(manifest, lanes, problems);
            }
            return new Outcome(new VerificationReport(manifest, true, summaries(manifest, problems), List.copyOf(problems)),
                    problems.isEmpty() ? lanes : Map.of());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void checkSummaries(Manifest manifest, Map<String, List<VerifiedLane>> lanes, List<String> problems) {
        for (var store : manifest.stores().entrySet()) {
            Map<String, Long> counts = new TreeMap<>();
            long entries = 0;
            long bytes = 0;
            for (VerifiedLane lane : lanes.getOrDefault(store.getKey(), List.of())) {
                for (VerifiedEntry e : lane.entries()) {
                    entries++;
                    bytes += e.entry().size();
                    e.entry().counts().forEach((k, v) -> counts.merge(k, v, Long::sum));
                }
            }
            StoreSummary claimed = store.getValue();
            if (claimed == null) {
                problems.add(FormatRules.MANIFEST + ": store " + store.getKey() + " has no summary");
                continue;
            }
            if (claimed.entries() != entries) {
                problems.add(FormatRules.MANIFEST + ": store " + store.getKey() + " claims " + claimed.entries() + " entries, but its parts hold " + entries);
            }
            if (claimed.plaintextBytes() != bytes) {
                problems.add(FormatRules.MANIFEST + ": store " + store.getKey() + " claims " + claimed.plaintextBytes() + " bytes, but its parts hold " + bytes);
            }
            Map<String, Long> claimedCounts = claimed.counts() == null ? Map.of() : new TreeMap<>(claimed.counts());
            if (!claimedCounts.equals(counts)) {
                for (String name : union(claimedCounts.keySet(), counts.keySet())) {
                    long c = claimedCounts.getOrDefault(name, 0L);
                    long a = counts.getOrDefault(name, 0L);
                    if (c != a || claimedCounts.containsKey(name) != counts.containsKey(name)) {
                        problems.add(FormatRules.MANIFEST + ": store " + store.getKey() + " claims " + name + " = " + c + ", but its entries sum to " + a);
                    }
                }
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Per-store results; a store is not ok when a problem names one of its parts or the store itself. */
    static List<VerificationReport.StoreResult> summaries(Manifest manifest, List<String> problems) {
        List<VerificationReport.StoreResult> results = new ArrayList<>();
        if (manifest == null) {
            return results;
        }
        for (var store : manifest.stores().entrySet()) {
            String name = store.getKey();
            List<PartInfo> parts = manifest.parts().stream().filter(p -> p.store().equals(name)).toList();
            long cipher = parts.stream().mapToLong(PartInfo::size).sum();
            boolean ok = problems.stream().noneMatch(p -> p.startsWith(name + "-") || p.contains("store " + name + " ")
                    || p.startsWith(FormatRules.MANIFEST) || p.startsWith(FormatRules.SUMS));
            StoreSummary s = store.getValue();
            results.add(new VerificationReport.StoreResult(name, parts.size(), cipher, s == null ? 0 : s.entries(),
                    s == null ? 0 : s.plaintextBytes(), s == null || s.counts() == null ? Map.of() : new TreeMap<>(s.counts()), ok));
        }
        return results;
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}

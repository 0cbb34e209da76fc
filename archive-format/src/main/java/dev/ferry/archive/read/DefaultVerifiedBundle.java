package dev.ferry.archive.read;

import dev.ferry.archive.format.ReadLimits;
import dev.ferry.archive.keys.OpenPgpPublicKey;
import dev.ferry.archive.keys.OpenPgpSecretKey;
import dev.ferry.archive.manifest.Manifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/** The bundle as admitted by {@link FullVerification}: indexes in memory, data read again through {@link LaneReader}s. */
final class DefaultVerifiedBundle implements VerifiedBundle {
    private final Path dir;
    private final VerificationReport report;
    private final Map<String, List<VerifiedLane>> lanes;
    private final OpenPgpSecretKey key;
    private final OpenPgpPublicKey signer;
    private final ReadLimits limits;

    DefaultVerifiedBundle(Path dir, VerificationReport report, Map<String, List<VerifiedLane>> lanes, OpenPgpSecretKey key,
            OpenPgpPublicKey signer, ReadLimits limits) {
        this.dir = dir;
        this.report = report;
        this.lanes = lanes;
        this.key = key;
        this.signer = signer;
        this.limits = limits;
    }

    @Override
    public Manifest manifest() {
        return report.manifest();
    }

    @Override
    public VerificationReport report() {
        return report;
    }

    @Override
    public List<String> stores() {
        return List.copyOf(report.manifest().stores().keySet());
    }

    @Override
    public List<IndexEntry> index(String store) {
        List<IndexEntry> entries = new ArrayList<>();
        for (VerifiedLane lane : lanesOf(store)) {
            lane.entries().forEach(e -> entries.add(e.entry()));
        }
        return entries;
    }

    private List<VerifiedLane> lanesOf(String store) {
        if (!report.manifest().stores().containsKey(store)) {
            throw new IllegalArgumentException("the bundle holds no store '" + store + "'; it holds " + stores());
        }
        return lanes.getOrDefault(store, List.of());
    }

    @Override
    public void read(String store, int parallelism, EntryHandler handler) {
        List<VerifiedLane> storeLanes = lanesOf(store);
        AtomicBoolean stop = new AtomicBoolean();
        if (parallelism <= 1 || storeLanes.size() <= 1) {
            for (VerifiedLane lane : storeLanes) {
                readLane(lane, handler, stop);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, storeLanes.size()), FullVerification.daemonThreads("ferry-read"));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (VerifiedLane lane : storeLanes) {
                futures.add(pool.submit(() -> {
                    readLane(lane, handler, stop);
                    return null;
                }));
            }
            RuntimeException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    stop.set(true);
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException re ? re : new RuntimeException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    stop.set(true);
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("reading store " + store + " was interrupted", e);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void readLane(VerifiedLane lane, EntryHandler handler, AtomicBoolean stop) {
        try (LaneReader reader = new LaneReader(dir, lane, key, signer, limits)) {
            for (VerifiedEntry entry : lane.entries()) {
                if (stop.get()) {
                    return;
                }
                ReadableEntry readable = new ReadableEntry(entry, reader);
                try {
                    handler.accept(readable);
                } catch (RuntimeException e) {
                    stop.set(true);
                    throw e;
                } catch (Exception e) {
                    stop.set(true);
                    throw new RuntimeException(e);
                }
                readable.finish();
            }
            reader.finishLane();
        }
    }
}

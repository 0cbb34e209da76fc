package dev.ferry.archive.bench;

import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.KeyGenerator;
import dev.ferry.archive.keys.Passphrase;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.read.BundleVerifier;
import dev.ferry.archive.read.VerificationReport;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.archive.seal.BundleWriter;
import dev.ferry.archive.seal.EntryOutputStream;
import dev.ferry.archive.seal.SealingOptions;
import dev.ferry.archive.seal.StoreWriter;
import dev.ferry.common.ByteSize;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The Java half of bench/seal-vs-gpg.sh (run by hand, never by the test suite).
 * <pre>
 *   keys    KEYDIR                          generate unprotected Ed25519 signing and encryption keys
 *   seal    KEYDIR OUT.ferry VOLUME THREADS INPUT-DIR [STORE]   seal every file under INPUT-DIR as one store
 *   verify  KEYDIR BUNDLE [read]            full verification (and optionally read every entry back)
 *   floor   BYTES CORES                     the least time the crypto verification mandates for BYTES on CORES cores
 * </pre>
 * Prints one line "RESULT key=value ..." that the script parses.
 */
public final class SealBench {
    private SealBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "keys" -> {
                Path dir = Path.of(args[1]);
                KeyGenerator.generate(dir, "bench-signing", "Ferry bench signer <bench@example.org>", KeyGenerator.Algorithm.ED25519, new char[0]);
                KeyGenerator.generate(dir, "bench-encryption", "Ferry bench recipient <bench@example.org>", KeyGenerator.Algorithm.ED25519, new char[0]);
            }
            case "seal" -> seal(Path.of(args[1]), Path.of(args[2]), ByteSize.parse(args[3]), Integer.parseInt(args[4]), Path.of(args[5]),
                    args.length > 6 ? args[6] : "objects");
            case "verify" -> verify(Path.of(args[1]), Path.of(args[2]), args.length > 3 && args[3].equals("read"));
            case "floor" -> floor(Long.parseLong(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static void seal(Path keys, Path out, long volume, int threads, Path input, String storeName) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(input)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        AtomicLong bytes = new AtomicLong();
        long start = System.nanoTime();
        Manifest manifest;
        try (BundleWriter writer = BundleWriter.create(out, new SealingOptions(
                List.of(KeyFiles.recipient(keys.resolve("bench-encryption.pub.asc"))),
                KeyFiles.signingKey(keys.resolve("bench-signing.sec.asc"), Passphrase.none()), volume, "bench", threads))) {
            try (StoreWriter store = writer.openStore(storeName)) {
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                List<Future<?>> futures = new ArrayList<>();
                for (Path f : files) {
                    futures.add(pool.submit(() -> {
                        try (InputStream in = Files.newInputStream(f); EntryOutputStream e = store.newEntry(input.relativize(f).toString())) {
                            bytes.addAndGet(e.transferFrom(in));
                            e.count("objects", 1);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                pool.shutdown();
            }
            manifest = writer.finish();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "RESULT op=seal bytes=%d seconds=%.2f mbps=%.1f parts=%d peakHeapMB=%.1f cpuSeconds=%.1f%n", bytes.get(),
                seconds, bytes.get() / seconds / 1e6, manifest.parts().size(), peakHeap() / 1048576.0, cpuSeconds());
    }

    private static void verify(Path keys, Path bundle, boolean read) {
        long start = System.nanoTime();
        var signer = KeyFiles.signer(keys.resolve("bench-signing.pub.asc"));
        var key = KeyFiles.decryptionKey(keys.resolve("bench-encryption.sec.asc"), Passphrase.none());
        long cipher;
        if (read) {
            VerifiedBundle verified = BundleVerifier.verify(bundle, signer, key);
            AtomicLong n = new AtomicLong();
            for (String store : verified.stores()) {
                verified.read(store, 2, e -> {
                    try (InputStream in = e.open()) {
                        n.addAndGet(in.transferTo(java.io.OutputStream.nullOutputStream()));
                    }
                });
            }
            cipher = verified.manifest().parts().stream().mapToLong(p -> p.size()).sum();
        } else {
            VerificationReport report = BundleVerifier.verifyReport(bundle, signer, key);
            if (!report.ok()) {
                throw new IllegalStateException(report.problems().toString());
            }
            cipher = report.manifest().parts().stream().mapToLong(p -> p.size()).sum();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "RESULT op=%s bytes=%d seconds=%.2f mbps=%.1f peakHeapMB=%.1f cpuSeconds=%.1f%n",
                read ? "verify+read" : "verify", cipher, seconds, cipher / seconds / 1e6, peakHeap() / 1048576.0, cpuSeconds());
    }

    /**
     * The crypto work that full verification cannot skip, timed in memory after warm-up on this JVM: three SHA-256
     * passes (the part file against SHA256SUMS, the inner signature, every entry against its index), the MDC's SHA-1,
     * and AES (CFB decryption is one AES pass over the ciphertext, as ECB). No I/O, no zstd, no tar, no JIT: a lower
     * bound on verify's time, spread perfectly over the cores.
     */
    private static void floor(long bytes, int cores) throws Exception {
        byte[] data = new byte[1 << 14];
        new java.security.SecureRandom().nextBytes(data);
        byte[] out = new byte[data.length];
        javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(new byte[32], "AES"));
        java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
        java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
        long sample = 1L << 30;
        double[] secondsPerByte = new double[3];
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            long t0 = System.nanoTime();
            for (long n = 0; n < sample; n += data.length) {
                sha256.update(data);
            }
            long t1 = System.nanoTime();
            for (long n = 0; n < sample; n += data.length) {
                sha1.update(data);
            }
            long t2 = System.nanoTime();
            for (long n = 0; n < sample; n += data.length) {
                aes.update(data, 0, data.length, out, 0);
            }
            long t3 = System.nanoTime();
            secondsPerByte = new double[] {(t1 - t0) / 1e9 / sample, (t2 - t1) / 1e9 / sample, (t3 - t2) / 1e9 / sample};
        }
        double cpu = bytes * (3 * secondsPerByte[0] + secondsPerByte[1] + secondsPerByte[2]);
        System.out.printf(Locale.ROOT, "RESULT op=floor bytes=%d sha256MBps=%.0f sha1MBps=%.0f aesMBps=%.0f cpuSeconds=%.2f seconds=%.2f cores=%d%n",
                bytes, 1e-6 / secondsPerByte[0], 1e-6 / secondsPerByte[1], 1e-6 / secondsPerByte[2], cpu, cpu / cores, cores);
    }

    /** CPU time of the whole JVM so far (all threads, JIT and GC included). */
    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}

package dev.ferry.tests.e2e.export;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stock tools an operator or a courier uses without Ferry: the real gpg (one private GNUPGHOME per instance, its
 * agent stopped on close) and sha256sum.
 */
final class StockTools implements AutoCloseable {
    private final Path home;

    StockTools() throws IOException {
        // gpg-agent's socket lives in GNUPGHOME; a short path keeps it under the 108-byte socket limit.
        this.home = Files.createTempDirectory(Path.of("/tmp"), "g");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    Result gpg(Path workDir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("gpg", "--batch", "--no-tty", "--pinentry-mode", "loopback"));
        cmd.addAll(List.of(args));
        return run(workDir, cmd);
    }

    Result sha256sumCheck(Path bundleDir) throws IOException {
        return run(bundleDir, List.of("sha256sum", "-c", "SHA256SUMS"));
    }

    private Result run(Path workDir, List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().put("GNUPGHOME", home.toString());
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Process p = pb.start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() throws IOException {
        ProcessBuilder pb = new ProcessBuilder("gpgconf", "--kill", "all");
        pb.environment().put("GNUPGHOME", home.toString());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            pb.start().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}

package dev.ferry.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real GnuPG on this machine, with a private GNUPGHOME per test. */
public final class Gpg implements AutoCloseable {
    private final Path home;

    public Gpg(Path dir) throws IOException {
        this.home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    }

    public record Result(int exit, String out, String err) {
        public Result ok() {
            if (exit != 0) {
                throw new AssertionError("command failed (" + exit + "): " + err + out);
            }
            return this;
        }
    }

    /** Runs gpg in batch mode with loopback pinentry; {@code stdout} may be null to capture it as text. */
    public Result gpg(Path stdout, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("gpg", "--batch", "--no-tty", "--pinentry-mode", "loopback"));
        cmd.addAll(List.of(args));
        return run(cmd, stdout);
    }

    public Result sh(String script) throws IOException, InterruptedException {
        return run(List.of("bash", "-c", script), null);
    }

    private Result run(List<String> cmd, Path stdout) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("GNUPGHOME", home.toString());
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectError(err.toFile());
        Path out = stdout != null ? stdout : Files.createTempFile(home, "out", ".txt");
        pb.redirectOutput(out.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        String outText = stdout != null ? "" : Files.readString(out, StandardCharsets.UTF_8);
        return new Result(p.exitValue(), outText, Files.readString(err, StandardCharsets.UTF_8));
    }

    public Path home() {
        return home;
    }

    /** The fingerprint of the first key with this user id. */
    public String fingerprint(String userId) throws IOException, InterruptedException {
        for (String line : gpg(null, "--with-colons", "--list-keys", userId).ok().out().split("\n")) {
            if (line.startsWith("fpr:")) {
                return line.split(":")[9];
            }
        }
        throw new AssertionError("no key " + userId);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("gpgconf", "--kill", "all");
        pb.environment().put("GNUPGHOME", home.toString());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.start().waitFor(30, TimeUnit.SECONDS);
    }
}

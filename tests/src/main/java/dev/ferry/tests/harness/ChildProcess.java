package dev.ferry.tests.harness;

import dev.ferry.common.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server run as a child process on 127.0.0.1, its output in a log file, ready once a URL answers 200.
 * Stopping sends SIGTERM to it and its descendants, then SIGKILL to whatever is left after a grace period.
 */
final class ChildProcess implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(15);

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        // A JVM that exits without close() (a killed test run) must not leave servers behind.
        this.shutdownHook = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }, "ferry-child-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code command} in {@code workDir} with {@code env} added, stdout and stderr to {@code log}. */
    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().putAll(env);
        try {
            return new ChildProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new StoreException(name + " could not be launched (" + command.get(0) + "): " + e.getMessage(),
                    "check that " + command.get(0) + " exists and is executable", e);
        }
    }

    /**
     * Polls {@code url} until it answers 200. Fails at once if the process dies, and after {@code timeout} with
     * the port and the log's path.
     */
    void awaitHttp200(String url, Duration timeout, String fix) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StoreException(name + " exited with code " + process.exitValue() + " before answering on "
                        + hostPort(url) + "; its log is at " + log + ", ending: " + tail(log), fix);
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for " + name, "run the tests again", e);
            }
            sleep(250);
        }
        throw new StoreException(name + " did not answer on " + hostPort(url) + " within " + timeout.toSeconds()
                + " s; its log is at " + log, fix);
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself; returns its exit code, or -1 after {@code timeout}. */
    int waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway and finds nothing alive
        }
    }

    /** The last lines of a log, on one line, for an error message. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static String hostPort(String url) {
        URI uri = URI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

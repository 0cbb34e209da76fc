package dev.ferry.tests.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** An {@code openfga} binary found on PATH, with the in-memory datastore, on free loopback ports. */
final class OpenFgaProcess implements OpenFgaServer {
    private final ChildProcess process;
    private final OpenFgaEndpoint endpoint;
    private final Path binary;

    private OpenFgaProcess(ChildProcess process, OpenFgaEndpoint endpoint, Path binary) {
        this.process = process;
        this.endpoint = endpoint;
        this.binary = binary;
    }

    static OpenFgaServer start(Role role, Path binary, Path dir) {
        int http = FreePorts.next();
        int grpc = FreePorts.next();
        int metrics = FreePorts.next();
        ChildProcess process = ChildProcess.start("openfga (" + role.label() + ")",
                List.of(binary.toString(), "run", "--datastore-engine", "memory",
                        "--http-addr", "127.0.0.1:" + http, "--grpc-addr", "127.0.0.1:" + grpc,
                        "--metrics-addr", "127.0.0.1:" + metrics, "--playground-enabled=false",
                        "--log-format", "text"),
                Map.of(), dir, dir.resolve("openfga.log"));
        String url = "http://127.0.0.1:" + http;
        try {
            process.awaitHttp200(url + "/healthz", Duration.ofSeconds(60),
                    "read the log; or remove " + binary + " from PATH to use the OpenFGA emulator instead");
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return new OpenFgaProcess(process, new OpenFgaEndpoint(url), binary);
    }

    @Override
    public OpenFgaEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String description() {
        return "OpenFGA local process (" + binary + ", memory datastore)";
    }

    @Override
    public void close() {
        process.close();
    }
}

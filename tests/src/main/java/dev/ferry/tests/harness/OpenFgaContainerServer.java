package dev.ferry.tests.harness;

import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/** The production image {@code openfga/openfga} through Testcontainers, with the memory datastore. */
final class OpenFgaContainerServer implements OpenFgaServer {
    static final String IMAGE = "openfga/openfga:v1.18.1";
    private static final int HTTP_PORT = 8080;

    private final GenericContainer<?> container;
    private final OpenFgaEndpoint endpoint;

    private OpenFgaContainerServer(GenericContainer<?> container) {
        this.container = container;
        this.endpoint = new OpenFgaEndpoint("http://" + container.getHost() + ":" + container.getMappedPort(HTTP_PORT));
    }

    static OpenFgaServer start(Role role) {
        GenericContainer<?> container = new GenericContainer<>(IMAGE)
                .withCommand("run", "--datastore-engine", "memory", "--playground-enabled=false")
                .withExposedPorts(HTTP_PORT)
                .waitingFor(Wait.forHttp("/healthz").forPort(HTTP_PORT).forStatusCode(200)
                        .withStartupTimeout(Duration.ofSeconds(90)));
        return Containers.start(container, IMAGE, role, OpenFgaContainerServer::new);
    }

    @Override
    public OpenFgaEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String description() {
        return "OpenFGA container " + IMAGE + " (memory datastore)";
    }

    @Override
    public void close() {
        container.stop();
    }
}

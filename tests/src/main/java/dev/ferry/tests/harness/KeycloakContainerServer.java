package dev.ferry.tests.harness;

import dev.ferry.common.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The production image {@code quay.io/keycloak/keycloak} through Testcontainers, in dev mode with an auto-server
 * H2 file, so that {@code kc.sh export} runs inside the container while the server keeps serving.
 */
final class KeycloakContainerServer implements KeycloakServer {
    static final String IMAGE = "quay.io/keycloak/keycloak:" + HarnessOptions.KEYCLOAK_VERSION;
    private static final int HTTP_PORT = 8080;
    private static final String DB_URL = "jdbc:h2:file:/opt/keycloak/data/h2/" + KeycloakProcess.DB_NAME
            + ";NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=TRUE";

    private final GenericContainer<?> container;
    private final KeycloakEndpoint endpoint;
    private final Object exportLock = new Object();

    private KeycloakContainerServer(GenericContainer<?> container) {
        this.container = container;
        this.endpoint = new KeycloakEndpoint("http://" + container.getHost() + ":" + container.getMappedPort(HTTP_PORT),
                KeycloakDistribution.ADMIN_USER, KeycloakDistribution.ADMIN_PASSWORD);
    }

    static KeycloakServer start(Role role) {
        GenericContainer<?> container = new GenericContainer<>(IMAGE)
                .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakDistribution.ADMIN_USER)
                .withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", KeycloakDistribution.ADMIN_PASSWORD)
                .withCommand("start-dev", "--db-url=" + DB_URL)
                .withExposedPorts(HTTP_PORT)
                .waitingFor(Wait.forHttp("/realms/master").forPort(HTTP_PORT).forStatusCode(200)
                        .withStartupTimeout(Duration.ofSeconds(180)));
        return Containers.start(container, IMAGE, role, KeycloakContainerServer::new);
    }

    @Override
    public KeycloakEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String description() {
        return "Keycloak " + HarnessOptions.KEYCLOAK_VERSION + " container " + IMAGE;
    }

    @Override
    public Path offlineExport(String realm, Path outFile) {
        synchronized (exportLock) {
            String inContainer = "/tmp/ferry-export-" + realm + ".json";
            try {
                ExecResult result = container.execInContainer("/opt/keycloak/bin/kc.sh", "export",
                        "--db-url=" + DB_URL, "--realm", realm, "--users", "same_file", "--file", inContainer);
                if (result.getExitCode() != 0) {
                    throw new StoreException("kc.sh export of realm '" + realm + "' in the Keycloak container failed "
                            + "with exit code " + result.getExitCode() + ": " + tail(result.getStdout()),
                            "check the realm exists; the container's log has the details");
                }
                Files.createDirectories(outFile.toAbsolutePath().getParent());
                Files.deleteIfExists(outFile);
                container.copyFileFromContainer(inContainer, outFile.toString());
                return outFile;
            } catch (IOException e) {
                throw new StoreException("cannot run kc.sh export in the Keycloak container: " + e.getMessage(),
                        "check `docker info`", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted during kc.sh export", "run again", e);
            }
        }
    }

    @Override
    public void close() {
        container.stop();
    }

    private static String tail(String output) {
        return output.length() <= 600 ? output : output.substring(output.length() - 600);
    }
}

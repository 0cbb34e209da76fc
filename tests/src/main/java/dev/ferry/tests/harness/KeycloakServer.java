package dev.ferry.tests.harness;

import java.nio.file.Path;

/** A running Keycloak with its admin credentials, able to run the distribution's offline export. */
interface KeycloakServer extends RunningStore {
    KeycloakEndpoint endpoint();

    /** {@code kc.sh export --realm R --users same_file --file F}, while the server keeps running. */
    Path offlineExport(String realm, Path outFile);
}

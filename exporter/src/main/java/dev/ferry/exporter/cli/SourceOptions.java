package dev.ferry.exporter.cli;

import dev.ferry.exporter.config.SourceConfig;
import dev.ferry.exporter.keycloak.OfflineRealmExport;
import dev.ferry.common.StoreKind;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options plan and run share: the Source config, which stores, the offline Keycloak export, output form. */
public final class SourceOptions {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The Source description (see docs/source.example.yaml).")
    Path config;

    @Option(names = "--stores", paramLabel = "LIST", defaultValue = "postgres,keycloak,openfga,objects",
            description = "Comma-separated stores to export (default: ${DEFAULT-VALUE}).")
    String stores;

    @Option(names = "--keycloak-realm-file", paramLabel = "FILE|DIR",
            description = "Output of 'kc.sh export --realm R --users same_file --file F' (or --dir): carries password hashes and TOTP secrets.")
    Path keycloakRealmFile;

    @Option(names = "--json", description = "Machine-readable output on stdout; no progress bars.")
    boolean json;

    @Option(names = "--verbose", description = "Print stack traces of errors (for bug reports).")
    boolean verbose;

    SourceConfig loadConfig() {
        return SourceConfig.load(config);
    }

    Set<StoreKind> storeKinds() {
        return StoreKind.parse(stores);
    }

    /** The offline export, or null; only read when Keycloak is among the stores. */
    OfflineRealmExport offline(SourceConfig source) {
        if (keycloakRealmFile == null || !storeKinds().contains(StoreKind.KEYCLOAK)) {
            return null;
        }
        return OfflineRealmExport.load(keycloakRealmFile, SourceConfig.require(source.keycloak(), "keycloak", config).realm());
    }
}

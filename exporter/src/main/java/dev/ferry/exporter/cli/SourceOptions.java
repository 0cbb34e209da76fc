package dev.ferry.exporter.cli;

import dev.ferry.cli.StoresOption;
import dev.ferry.common.StoreKind;
import dev.ferry.exporter.config.SourceConfig;
import dev.ferry.exporter.keycloak.OfflineRealmExport;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options plan and run share: the Source config, which stores, the offline Keycloak export. */
public final class SourceOptions {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The Source description (see docs/source.example.yaml).")
    Path config;

    @Mixin
    StoresOption stores;

    @Option(names = "--keycloak-realm-file", paramLabel = "FILE|DIR",
            description = "The output of 'kc.sh export --realm R --users same_file --file F' (or --dir): it carries password hashes and TOTP secrets.")
    Path keycloakRealmFile;

    SourceConfig loadConfig() {
        return SourceConfig.load(config);
    }

    Set<StoreKind> storeKinds() {
        return stores.selected();
    }

    /** The offline export, or null; only read when Keycloak is among the stores. */
    OfflineRealmExport offline(SourceConfig source) {
        if (keycloakRealmFile == null || !storeKinds().contains(StoreKind.KEYCLOAK)) {
            return null;
        }
        return OfflineRealmExport.load(keycloakRealmFile, SourceConfig.require(source.keycloak(), "keycloak", config).realm());
    }
}

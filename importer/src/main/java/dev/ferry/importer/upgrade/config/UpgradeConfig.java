package dev.ferry.importer.upgrade.config;

import dev.ferry.importer.upgrade.agents.TemplateMapping;
import dev.ferry.importer.upgrade.objects.BucketCopy;
import dev.ferry.importer.upgrade.objects.BucketMapping;
import dev.ferry.importer.upgrade.tuples.TupleUpgradeInputs;
import dev.ferry.stores.config.ConfigKeys;
import dev.ferry.stores.config.ConfigLoader;
import dev.ferry.stores.config.ConfigSection;
import dev.ferry.stores.config.KeycloakConfig;
import dev.ferry.stores.config.ObjectsConfig;
import dev.ferry.stores.config.OpenFgaConfig;
import dev.ferry.stores.config.PostgresConfig;
import dev.ferry.stores.config.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * upgrade.yaml (docs/upgrade.example.yaml shows every key): where chapter 2 reads kea and writes swift on the Target.
 * kea's and swift's databases and OpenFGA stores are separate sections, so a kea store can never be named as a swift
 * one by accident; Keycloak and object storage are shared by both generations.
 *
 * @param stateDir     where the upgrade journal lives (default ~/.ferry/state)
 * @param organization the OpenFGA organization object's id, {@code fred} in both generations
 * @param fetchSize    kea rows fetched per round trip by the one reading connection (default 500)
 */
public record UpgradeConfig(String stateDir, Side kea, Side swift, KeycloakConfig keycloak, Objects objects, Templates templates,
        String organization, Integer fetchSize) implements ConfigSection {

    public UpgradeConfig {
        templates = templates == null ? new Templates(null, null, null) : templates;
        organization = organization == null || organization.isBlank() ? TupleUpgradeInputs.DEFAULT_ORGANIZATION : organization;
        fetchSize = fetchSize == null ? 500 : fetchSize;
    }

    /** Where every key of this file is documented; config errors point at it. */
    public static final String EXAMPLE = "docs/upgrade.example.yaml";

    public static UpgradeConfig load(Path file) {
        return ConfigLoader.load(file, UpgradeConfig.class, EXAMPLE);
    }

    public Path stateDirPath() {
        String dir = stateDir == null || stateDir.isBlank() ? "~/.ferry/state" : stateDir;
        return dir.startsWith("~/") ? Path.of(System.getProperty("user.home"), dir.substring(2)) : Path.of(dir);
    }

    @Override
    public void validate(ConfigKeys keys) {
        keys.require(kea, "kea");
        keys.require(swift, "swift");
        kea.validate(keys.at("kea"));
        swift.validate(keys.at("swift"));
        if (kea.postgres().url().equals(swift.postgres().url())) {
            throw keys.invalid("swift.postgres.url", "is kea's database too (" + kea.postgres().url() + ")",
                    "swift has its own database (fred-stores.md §0: fred_kea → fred, or fred → fred_swift): name it here.");
        }
        if (kea.openfga().apiUrl().equals(swift.openfga().apiUrl()) && kea.openfga().store().equals(swift.openfga().store())) {
            throw keys.invalid("swift.openfga.store", "names kea's store (" + kea.openfga().store().describe() + ")",
                    "Name the store swift created at start-up (by default 'fred'); the upgrade never writes kea's.");
        }
        keys.require(keycloak, "keycloak");
        keycloak.validate(keys.at("keycloak"));
        if (objects != null) {
            objects.validate(keys.at("objects"));
        }
        templates.validate(keys.at("templates"));
        if (fetchSize < 1 || fetchSize > 100_000) {
            throw keys.invalid("fetchSize", "must be between 1 and 100000", "Use e.g. 500.");
        }
    }

    /** The template mapping this config asks for. */
    public TemplateMapping templateMapping() {
        return templates.resolve();
    }

    /** One generation's database and OpenFGA store. */
    public record Side(PostgresConfig postgres, OpenFgaConfig openfga) implements ConfigSection {
        @Override
        public void validate(ConfigKeys keys) {
            keys.require(postgres, "postgres");
            keys.require(openfga, "openfga");
            postgres.validate(keys.at("postgres"));
            openfga.validate(keys.at("openfga"));
        }
    }

    /**
     * The object store both generations use, and the kea buckets to copy.
     *
     * @param buckets   the kea buckets to copy (default the four of fred-stores.md §0)
     * @param bucketMap kea bucket → swift bucket, for buckets whose swift name is not the kea name without {@code kea-}
     * @param concurrency objects copied at once (default {@value BucketCopy#DEFAULT_CONCURRENCY}): also the most requests
     *                  the copy holds against kea's object store at once
     */
    public record Objects(String endpoint, Secret accessKey, Secret secretKey, String region, List<String> buckets,
            Map<String, String> bucketMap, Integer concurrency) implements ConfigSection {
        public static final int MAX_CONCURRENCY = 16;

        public Objects {
            buckets = buckets == null || buckets.isEmpty() ? BucketMapping.DEFAULT_KEA_BUCKETS : List.copyOf(buckets);
            bucketMap = bucketMap == null ? Map.of() : Map.copyOf(bucketMap);
            concurrency = concurrency == null ? BucketCopy.DEFAULT_CONCURRENCY : concurrency;
        }

        public ObjectsConfig connection() {
            return new ObjectsConfig(endpoint, accessKey, secretKey, region, null);
        }

        public BucketMapping mapping() {
            List<String> prefixed = buckets.stream().filter(b -> !bucketMap.containsKey(b)).toList();
            return BucketMapping.droppingPrefix(prefixed).withOverrides(bucketMap);
        }

        @Override
        public void validate(ConfigKeys keys) {
            connection().validate(keys);
            mapping();
            if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
                throw keys.invalid("concurrency", "must be between 1 and " + MAX_CONCURRENCY,
                        "Use a small number such as " + BucketCopy.DEFAULT_CONCURRENCY + ": kea is live while the upgrade copies its buckets.");
            }
        }
    }

    /**
     * @param runtimeId the swift runtime that serves the mapped templates (default: the mapping's own, fred-agents)
     * @param mapping   kea template → {@code <runtime>:<agent>}, added to or replacing KEA_TO_SWIFT_TEMPLATE
     * @param ignored   more kea templates to leave behind silently (samples)
     */
    public record Templates(String runtimeId, Map<String, String> mapping, List<String> ignored) implements ConfigSection {
        public Templates {
            mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
            ignored = ignored == null ? List.of() : List.copyOf(ignored);
        }

        public TemplateMapping resolve() {
            TemplateMapping m = TemplateMapping.defaults();
            if (runtimeId != null) {
                m = m.servedBy(runtimeId);
            }
            return m.withOverrides(mapping).withIgnored(new java.util.LinkedHashSet<>(ignored));
        }

        @Override
        public void validate(ConfigKeys keys) {
            resolve();
        }
    }
}

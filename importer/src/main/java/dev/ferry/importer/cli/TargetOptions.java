package dev.ferry.importer.cli;

import dev.ferry.cli.StoresOption;
import dev.ferry.common.StoreKind;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What load and validate share: the bundle, its keys, the Target configuration and which stores. */
public final class TargetOptions {
    @Mixin
    BundleArgument bundle;

    @Mixin
    BundleKeyOptions keys;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The Target configuration (see docs/target.example.yaml).")
    Path config;

    @Mixin
    StoresOption stores;

    /** The bundle directory, checked to be one. */
    public Path bundle() {
        return bundle.directory();
    }

    public BundleKeyOptions keys() {
        return keys;
    }

    public Path config() {
        return config;
    }

    /** The chosen stores' names, in the order they are exported. */
    public List<String> stores() {
        return stores.selected().stream().map(StoreKind::label).toList();
    }
}

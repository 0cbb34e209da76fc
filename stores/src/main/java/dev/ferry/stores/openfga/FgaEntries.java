package dev.ferry.stores.openfga;

/**
 * How the store "openfga" is laid out in the bundle (docs/bundle-contents.md): the authorization models and the raw,
 * unfiltered tuple set. The exporter writes these names; the load and validate read them.
 */
public final class FgaEntries {
    /** {"storeName", "storeId", "latestModelId", "models": [newest first, as the API lists them]}. */
    public static final String MODELS = "models.json";
    /** One {@link TupleRecord} per line, every tuple of the Source store. */
    public static final String TUPLES = "tuples.jsonl";

    private FgaEntries() {
    }
}

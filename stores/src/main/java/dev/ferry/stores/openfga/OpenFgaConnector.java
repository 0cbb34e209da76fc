package dev.ferry.stores.openfga;

import dev.ferry.common.ConfigException;
import dev.ferry.common.StoreException;
import dev.ferry.stores.config.OpenFgaConfig;
import dev.ferry.stores.retry.StoreRetry;
import dev.openfga.sdk.api.client.OpenFgaClient;
import dev.openfga.sdk.api.client.model.ClientListStoresResponse;
import dev.openfga.sdk.api.configuration.ApiToken;
import dev.openfga.sdk.api.configuration.ClientConfiguration;
import dev.openfga.sdk.api.configuration.ClientListStoresOptions;
import dev.openfga.sdk.api.configuration.Credentials;
import dev.openfga.sdk.api.model.Store;
import dev.openfga.sdk.errors.FgaApiAuthenticationError;
import dev.openfga.sdk.errors.FgaApiInternalError;
import dev.openfga.sdk.errors.FgaApiNotFoundError;
import dev.openfga.sdk.errors.FgaError;
import dev.openfga.sdk.errors.FgaInvalidParameterException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Opens an OpenFGA client on an {@code openfga:} section and resolves the store (by id, or by name through
 * ListStores), turning failures into a StoreException naming the key to fix. The importer reuses {@link #call}.
 */
public final class OpenFgaConnector {
    private OpenFgaConnector() {
    }

    /** A client bound to one store. */
    public record Session(OpenFgaClient client, String storeId, String storeName, OpenFgaConfig config) {
    }

    /** An SDK call returning a future. */
    @FunctionalInterface
    public interface Call<T> {
        CompletableFuture<T> start() throws FgaInvalidParameterException;
    }

    public static Session connect(OpenFgaConfig config) {
        OpenFgaClient client = client(config, null);
        OpenFgaConfig.StoreRef ref = config.store();
        if (ref.id() != null) {
            client.setStoreId(ref.id());
            String name = call(config, "GetStore", client::getStore).getName();
            return new Session(client(config, ref.id()), ref.id(), name, config);
        }
        List<Store> matches = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ClientListStoresResponse r = call(config, "ListStores",
                    () -> client.listStores(new ClientListStoresOptions().pageSize(100).continuationToken(page)));
            for (Store s : r.getStores()) {
                if (ref.name().equals(s.getName())) {
                    matches.add(s);
                }
            }
            token = r.getContinuationToken();
        } while (token != null && !token.isEmpty());
        if (matches.isEmpty()) {
            throw new StoreException("OpenFGA at " + config.apiUrl() + " has no store named '" + ref.name() + "' (openfga.store.name)",
                    "Check openfga.store.name (kea's config names it 'kea', the code default is 'fred'), or give openfga.store.id.");
        }
        if (matches.size() > 1) {
            throw new ConfigException("OpenFGA at " + config.apiUrl() + " has " + matches.size() + " stores named '" + ref.name()
                    + "': " + matches.stream().map(Store::getId).toList(),
                    "Name the store by id instead: openfga.store.id: <one of these ids>.");
        }
        String id = matches.get(0).getId();
        return new Session(client(config, id), id, ref.name(), config);
    }

    private static OpenFgaClient client(OpenFgaConfig config, String storeId) {
        ClientConfiguration c = new ClientConfiguration().apiUrl(config.apiUrl()).storeId(storeId)
                .connectTimeout(Duration.ofSeconds(15)).readTimeout(Duration.ofSeconds(60)).maxRetries(3);
        if (config.token() != null) {
            c.credentials(new Credentials(new ApiToken(config.token().reveal())));
        }
        try {
            return new OpenFgaClient(c);
        } catch (FgaInvalidParameterException e) {
            throw new ConfigException("openfga: the client configuration is invalid: " + e.getMessage(),
                    "Check openfga.apiUrl and openfga.store.", e);
        }
    }

    /** Runs one SDK call with Ferry's retry policy (the SDK also retries 429/5xx) and translates its failure. */
    public static <T> T call(OpenFgaConfig config, String operation, Call<T> call) {
        try {
            return StoreRetry.standardOr(e -> e instanceof FgaApiInternalError).get(() -> {
                try {
                    return call.start().get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            });
        } catch (StoreRetry.StoreCallException e) {
            throw translate(config, operation, e.getCause());
        } catch (RuntimeException e) {
            if (e instanceof dev.ferry.common.FerryException fe) {
                throw fe;
            }
            throw translate(config, operation, e);
        }
    }

    public static StoreException translate(OpenFgaConfig config, String operation, Throwable e) {
        String at = "OpenFGA at " + config.apiUrl();
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        if (e instanceof FgaApiAuthenticationError) {
            return new StoreException(at + " refused the API token (openfga.token) on " + operation,
                    "Check the secret openfga.token refers to" + (config.token() == null ? " (none is set)" : " ("
                            + config.token().describe() + ")") + ".", e);
        }
        if (e instanceof FgaApiNotFoundError) {
            return new StoreException(at + ": " + config.store().describe() + " was not found (openfga.store)",
                    "Check openfga.store.id (or name the store with openfga.store.name).", e);
        }
        if (hasCause(e, ConnectException.class) || hasCause(e, HttpConnectTimeoutException.class)) {
            return new StoreException(at + " cannot be reached (openfga.apiUrl)",
                    "Check the host and port in openfga.apiUrl, and that this machine can reach it.", e);
        }
        String detail = e instanceof FgaError fe ? "HTTP " + fe.getStatusCode() + " " + fe.getApiErrorCode() + ": "
                + fe.getApiErrorMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new StoreException(at + " failed " + operation + ": " + detail,
                "Check openfga.apiUrl and the server's log; re-run once the cause is fixed.", e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}

package dev.ferry.tests.harness;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives every test that declares a {@link Stores} parameter the same running stores, started once per test run
 * and closed by JUnit when the run ends. A failed start is remembered, so each test reports the same reason
 * instead of waiting for its own start to time out.
 */
public final class StoresExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StoresExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Stores.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SharedStores shared = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStores.class, key -> SharedStores.start(), SharedStores.class);
        return shared.get();
    }

    /** Closed by JUnit at the end of the run, because the root store closes the AutoCloseable values it holds. */
    private record SharedStores(Stores stores, RuntimeException failure) implements AutoCloseable {
        static SharedStores start() {
            try {
                return new SharedStores(Stores.start(HarnessOptions.defaults()), null);
            } catch (RuntimeException e) {
                return new SharedStores(null, e);
            }
        }

        Stores get() {
            if (failure != null) {
                throw failure;
            }
            return stores;
        }

        @Override
        public void close() {
            if (stores != null) {
                stores.close();
            }
        }
    }
}

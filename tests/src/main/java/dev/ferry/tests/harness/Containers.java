package dev.ferry.tests.harness;

import dev.ferry.common.StoreException;
import java.util.function.Function;
import org.testcontainers.containers.GenericContainer;

/** Starting a store's production image, with one message when Docker cannot run it. */
final class Containers {
    private Containers() {
    }

    /** Starts {@code container} and wraps it as a store; a failed start stops it and says what to check. */
    static <C extends GenericContainer<?>, S> S start(C container, String image, Role role, Function<C, S> store) {
        try {
            container.start();
            return store.apply(container);
        } catch (RuntimeException e) {
            container.stop();
            throw new StoreException("the " + image + " container for " + role.label() + " did not start: " + e.getMessage(),
                    "check `docker info` and that the image can be pulled, or run with -D" + HarnessOptions.MODE_PROPERTY + "=local", e);
        }
    }
}

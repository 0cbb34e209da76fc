package dev.ferry.stores.retry;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import dev.ferry.common.FerryException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Ferry's one retry policy for transient store errors (a dropped connection, a timeout, a 5xx): four attempts with
 * exponential back-off from 250 ms to 5 s. Errors that will not heal by waiting (wrong password, unknown host, a
 * FerryException already explaining itself) fail at once. Both tools use it, for reads and idempotent writes only.
 */
public final class StoreRetry {
    private final RetryPolicy<Object> policy;

    private StoreRetry(Predicate<Throwable> transientError) {
        this.policy = RetryPolicy.builder()
                .handleIf((Throwable e) -> transientError.test(e))
                .withBackoff(Duration.ofMillis(250), Duration.ofSeconds(5))
                .withMaxAttempts(4)
                .build();
    }

    /** The standard policy: I/O and transient SQL errors are retried, refusals and Ferry errors are not. */
    public static StoreRetry standard() {
        return new StoreRetry(StoreRetry::isTransient);
    }

    /** The standard policy plus a store-specific test (e.g. an SDK's HTTP 5xx exception type). */
    public static StoreRetry standardOr(Predicate<Throwable> alsoTransient) {
        return new StoreRetry(e -> isTransient(e) || alsoTransient.test(e));
    }

    public static boolean isTransient(Throwable e) {
        if (e instanceof FerryException || e instanceof ConnectException || e instanceof UnknownHostException) {
            return false;
        }
        return e instanceof SQLTransientException || e instanceof IOException && !(e.getCause() instanceof ConnectException);
    }

    /** Runs the call, retrying transient failures; the last failure is rethrown as is (unchecked) or wrapped. */
    public <T> T get(CheckedSupplier<T> call) {
        try {
            return Failsafe.with(policy).get(call);
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreCallException(cause);
        }
    }

    /** A checked failure that survived the retries; connectors translate it into a StoreException. */
    public static final class StoreCallException extends RuntimeException {
        public StoreCallException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}

package dev.ferry.tests.openfga;

/**
 * An in-process emulator of the part of the OpenFGA HTTP API Ferry uses, following
 * ../shared/reference/openfga-contract.md. Test-only: production code never knows it exists.
 * API CONTRACT — implemented by the emulator work.
 */
public final class OpenFgaEmulator implements AutoCloseable {
    private OpenFgaEmulator() {
    }

    /** Starts on 127.0.0.1 on a free port. */
    public static OpenFgaEmulator start() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** e.g. "http://127.0.0.1:41234" */
    public String apiUrl() {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public void close() {
    }
}

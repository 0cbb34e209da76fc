package dev.ferry.tests.harness;

import dev.ferry.common.StoreException;
import dev.ferry.tests.openfga.OpenFgaEmulator;

/** The in-process OpenFGA emulator, used where no real OpenFGA can run. */
final class OpenFgaEmulatorServer implements OpenFgaServer {
    private final OpenFgaEmulator emulator;
    private final OpenFgaEndpoint endpoint;

    private OpenFgaEmulatorServer(OpenFgaEmulator emulator) {
        this.emulator = emulator;
        this.endpoint = new OpenFgaEndpoint(emulator.apiUrl());
    }

    static OpenFgaServer start(Role role) {
        OpenFgaEmulator emulator;
        try {
            emulator = OpenFgaEmulator.start();
        } catch (RuntimeException e) {
            throw new StoreException("the OpenFGA emulator for " + role.label() + " did not start: " + e,
                    "put an `openfga` binary on PATH, or run where Docker answers, or fix "
                            + OpenFgaEmulator.class.getName(), e);
        }
        try {
            return new OpenFgaEmulatorServer(emulator);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    @Override
    public OpenFgaEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String description() {
        return "OpenFGA emulator (no openfga binary on PATH)";
    }

    @Override
    public void close() {
        emulator.close();
    }
}

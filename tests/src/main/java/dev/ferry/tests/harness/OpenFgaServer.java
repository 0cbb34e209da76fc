package dev.ferry.tests.harness;

/** A running OpenFGA HTTP API (a real server or the emulator). */
interface OpenFgaServer extends RunningStore {
    OpenFgaEndpoint endpoint();
}

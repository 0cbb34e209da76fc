package dev.ferry.tests.harness;

import dev.ferry.common.StoreException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Asks the kernel for an unused loopback port (for child processes that cannot bind port 0 and report it). */
final class FreePorts {
    private FreePorts() {
    }

    static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StoreException("no free loopback port: " + e.getMessage(), "free some ports or file handles", e);
        }
    }
}

package dev.ferry.tests.harness;

/** The HTTP API base URL of a running OpenFGA (or its emulator), e.g. {@code http://127.0.0.1:41234}. */
public record OpenFgaEndpoint(String apiUrl) {
}

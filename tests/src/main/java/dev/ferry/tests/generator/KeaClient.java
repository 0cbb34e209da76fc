package dev.ferry.tests.generator;

import java.util.List;

/**
 * A client of the kea realm: {@code app} is the public user-login client whose client roles carry the organization
 * roles; the backends are confidential machine-to-machine clients with a secret.
 */
public record KeaClient(String id, String clientId, boolean publicClient, String secret, List<String> roles) {
}

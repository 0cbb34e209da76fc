/**
 * An in-memory emulator of the OpenFGA HTTP API, for tests on machines without an {@code openfga}
 * binary or Docker. It follows docs/reference/openfga-contract.md: stores, authorization models,
 * Read, Write, ReadChanges, Check and assertions, with the server's limits, error codes and messages.
 *
 * <p>Where it knowingly differs from a real server:
 * <ul>
 *   <li>Read pages with a cursor on the tuple's insertion ULID, as the SQL backends do; the memory
 *       backend's offset tokens, which can skip a tuple after a mid-scan delete, are not copied.</li>
 *   <li>Check evaluates direct tuples, typed wildcards, usersets and the computed, tuple-to-userset,
 *       union, intersection and difference rewrites, but no CEL: a conditioned tuple never grants.</li>
 *   <li>Under {@code on_duplicate: ignore}, conditions compare by value and a missing context equals
 *       {@code {}} (the memory backend's rule; SQL backends may answer 409 there).</li>
 *   <li>Model validation covers the contract's rules plus unknown relation types, undefined conditions
 *       and rewrites naming unknown relations; the texts of those extra messages are inferred.</li>
 *   <li>Limits are the server defaults and cannot be configured. Not provided: UpdateStore, Expand,
 *       ListObjects, ListUsers, BatchCheck, OIDC; {@code consistency} is accepted and ignored.</li>
 *   <li>Preshared-key authentication answers 401 {@code bearer_token_missing} / {@code unauthenticated},
 *       codes read from the server's authn package but never seen on a live server.</li>
 * </ul>
 */
package dev.ferry.tests.openfga;

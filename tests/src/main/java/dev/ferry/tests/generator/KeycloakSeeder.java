package dev.ferry.tests.generator;

import dev.ferry.common.StoreException;
import dev.ferry.tests.harness.KeycloakEndpoint;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;

/**
 * Creates the kea realm through the admin client: the realm with clients, client roles and team groups first, then
 * the user profile opened to unmanaged attributes (or Keycloak silently drops them), then every user with
 * pre-hashed credentials in one {@code partialImport}.
 */
public final class KeycloakSeeder {

    public void seed(KeaDataset dataset, KeycloakEndpoint endpoint, String realmName) {
        try (Keycloak admin = Keycloak.getInstance(endpoint.url(), "master", endpoint.adminUser(),
                endpoint.adminPassword(), "admin-cli")) {
            try {
                admin.realm(realmName).remove();
            } catch (NotFoundException absent) {
                // nothing to replace
            }
            admin.realms().create(RealmRepresentations.realm(dataset, realmName));
            RealmResource realm = admin.realm(realmName);
            UPConfig profile = realm.users().userProfile().getConfiguration();
            profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);
            realm.users().userProfile().update(profile);

            PartialImportRepresentation users = new PartialImportRepresentation();
            users.setIfResourceExists(PartialImportRepresentation.Policy.FAIL.name());
            users.setUsers(RealmRepresentations.users(dataset));
            try (Response response = realm.partialImport(users)) {
                if (response.getStatus() != 200) {
                    throw new StoreException("Keycloak at " + endpoint.url() + " refused the users of realm " + realmName
                            + ": HTTP " + response.getStatus() + " " + response.readEntity(String.class),
                            "a 409 on ids means another realm of this Keycloak holds the same dataset (user and group "
                                    + "ids are unique per server): seed it with another seed or delete that realm");
                }
            }
        } catch (WebApplicationException e) {
            throw new StoreException("Keycloak at " + endpoint.url() + " refused realm " + realmName + ": HTTP "
                    + e.getResponse().getStatus() + " " + e.getResponse().readEntity(String.class),
                    "another realm of this Keycloak may hold the same dataset (ids are unique per server): "
                            + "use another seed or delete that realm", e);
        }
    }
}

package dev.ferry.importer.validate;

import dev.ferry.common.StoreException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** What validation reads from the Target realm: groups with their paths, users, and each group's members, paged. */
final class TargetKeycloak {
    private static final int PAGE = 100;

    private final RealmResource realm;
    private final String where;

    TargetKeycloak(RealmResource realm, String where) {
        this.realm = realm;
        this.where = where;
    }

    /** Every group id (subgroups included, walked through /children) with its path. */
    Map<String, String> groups() {
        Map<String, String> out = new HashMap<>();
        call(() -> {
            for (int first = 0;; first += PAGE) {
                List<GroupRepresentation> page = realm.groups().groups(null, first, PAGE, true);
                page.forEach(g -> walk(g, out));
                if (page.size() < PAGE) {
                    return null;
                }
            }
        });
        return out;
    }

    private void walk(GroupRepresentation g, Map<String, String> out) {
        out.put(g.getId(), g.getPath());
        for (int first = 0;; first += PAGE) {
            List<GroupRepresentation> children = realm.groups().group(g.getId()).getSubGroups(first, PAGE, true);
            children.forEach(c -> walk(c, out));
            if (children.size() < PAGE) {
                return;
            }
        }
    }

    /** Every user id with its username. */
    Map<String, String> users() {
        Map<String, String> out = new HashMap<>();
        call(() -> {
            for (int first = 0;; first += PAGE) {
                List<UserRepresentation> page = realm.users().list(first, PAGE);
                page.forEach(u -> out.put(u.getId(), u.getUsername()));
                if (page.size() < PAGE) {
                    return null;
                }
            }
        });
        return out;
    }

    /** The ids of the group's direct members. */
    Set<String> members(String groupId) {
        Set<String> out = new HashSet<>();
        call(() -> {
            for (int first = 0;; first += PAGE) {
                List<UserRepresentation> page = realm.groups().group(groupId).members(first, PAGE, true);
                page.forEach(u -> out.add(u.getId()));
                if (page.size() < PAGE) {
                    return null;
                }
            }
        });
        return out;
    }

    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (NotFoundException e) {
            throw new MissingOnTarget("the realm does not exist on the Target Keycloak " + where);
        } catch (WebApplicationException e) {
            throw new StoreException("the Target Keycloak " + where + " answered HTTP " + e.getResponse().getStatus()
                    + " while validation read the realm", "check the admin credentials in target.yaml and that the admin may view users and groups", e);
        } catch (RuntimeException e) {
            if (e instanceof MissingOnTarget || e instanceof StoreException) {
                throw e;
            }
            throw new StoreException("the Target Keycloak " + where + " could not be read: " + e.getMessage(),
                    "check that Keycloak is up and reachable at the configured url", e);
        }
    }
}

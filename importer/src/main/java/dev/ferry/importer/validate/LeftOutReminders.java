package dev.ferry.importer.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.common.VerificationException;
import dev.ferry.stores.keycloak.LeftOutValues;
import dev.ferry.stores.keycloak.MaskedValues;
import dev.ferry.stores.keycloak.MaskedValues.LeftOut;
import dev.ferry.stores.keycloak.RealmEntries;
import dev.ferry.stores.keycloak.RealmSecrets.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * validate's "needs a person" for what the Keycloak export did not carry ({@link RealmEntries#LEFT_OUT}): each value
 * left out with what the Target does without it and what a person does about it. Values never appear, only where
 * they stood ("clientSecret of identity provider 'corp'").
 */
final class LeftOutReminders {
    static final String ID = "keycloak.left-out";

    private LeftOutReminders() {
    }

    /**
     * What the bundle left out: nothing when it carries the offline export (which the load uses, secrets and keys
     * included); else its left-out.json; else, for a bundle written before that entry existed, what realm.json itself
     * shows (the masks it holds and the keys it lacks), by the same rules the exporter applies.
     */
    static List<LeftOut> read(VerifiedBundle bundle, JsonNode realm, boolean offlineCarried) {
        if (offlineCarried) {
            return List.of();
        }
        boolean listed = bundle.index(KeycloakChecks.STORE).stream().anyMatch(e -> e.path().equals(RealmEntries.LEFT_OUT));
        if (!listed) {
            return MaskedValues.leaveOut(realm).leftOut();
        }
        List<LeftOut> out = new ArrayList<>();
        bundle.read(KeycloakChecks.STORE, 1, entry -> {
            if (entry.path().equals(RealmEntries.LEFT_OUT)) {
                try {
                    out.addAll(LeftOutValues.read(entry.open()));
                } catch (IOException e) {
                    throw new VerificationException("the bundle's keycloak/" + RealmEntries.LEFT_OUT + " is not the list ferry-export writes",
                            "the bundle was not written by a compatible ferry-export; export again");
                }
            }
        });
        return out;
    }

    /**
     * One reminder per thing to do: values left out each get their own (each is re-entered somewhere else); realm keys
     * share one, since they mean the same and nobody re-enters them.
     */
    static List<Reminder> of(List<LeftOut> leftOut) {
        Map<String, List<LeftOut>> byAction = new LinkedHashMap<>();
        for (LeftOut l : leftOut) {
            String key = l.kind() == Kind.REALM_KEY ? "keys" : l.kind() + " " + l.what();
            byAction.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
        }
        List<Reminder> out = new ArrayList<>();
        for (List<LeftOut> same : byAction.values()) {
            LeftOut first = same.get(0);
            if (first.kind() == Kind.REALM_KEY) {
                out.add(new Reminder(ID, "Realm keys not carried: users log in again after cutover",
                        sentence(MaskedValues.keyConsequence()) + " What to do: " + first.fix() + ".",
                        same.stream().map(LeftOut::what).toList()));
            } else {
                out.add(new Reminder(ID, "Not carried: " + first.what(),
                        (first.consequence().isBlank() ? "" : sentence("without it " + first.consequence()) + " ")
                                + "What to do: " + first.fix() + ".", List.of()));
            }
        }
        return out;
    }

    private static String sentence(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }
}

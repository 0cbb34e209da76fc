package dev.ferry.importer.validate;

import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.importer.keycloak.KeycloakBundle;
import dev.ferry.common.StoreKind;
import dev.ferry.importer.validate.realm.RealmView;
import java.util.ArrayList;
import java.util.List;

/**
 * The follow-up work that needs a person, taken from what the bundle carries and where the load put it (runbook §1.2,
 * §1.5, docs/reference/keycloak.md).
 */
final class Reminders {
    static final String MASKED_SECRET = "**********";

    private Reminders() {
    }

    static List<Reminder> of(VerifiedBundle bundle, TargetStores target) {
        List<Reminder> out = new ArrayList<>();
        out.add(new Reminder("opensearch.revectorize", "Re-vectorize OpenSearch",
                "OpenSearch is never carried. After the kea application starts on the Target, let the knowledge-flow backend "
                        + "re-process every document so the vector index is rebuilt (runbook §1.5); search is incomplete until it finishes.",
                List.of()));
        if (bundle.stores().contains(StoreKind.OPENFGA.label()) && target.openFgaStoreName() != null) {
            String id = target.openfga() == null || target.openfga().storeId() == null ? ""
                    : " (store id " + target.openfga().storeId() + ")";
            out.add(new Reminder("openfga.store-name", "Set the OpenFGA store name in the application config",
                    "kea finds its OpenFGA store by name (security.rebac.store_name): set it to the store the load created" + id
                            + " before the application starts on the Target (runbook §1.2).",
                    List.of(target.openFgaStoreName())));
        }
        if (!bundle.stores().contains(KeycloakChecks.STORE)) {
            return out;
        }
        KeycloakBundle carried = KeycloakBundle.read(bundle);
        out.addAll(LeftOutReminders.of(LeftOutReminders.read(bundle, carried.realm(), carried.offline() != null)));
        List<String> serviceAccounts = RealmView.ofBundle(carried.realm(), carried.users(), carried.offline()).serviceAccountsNotCarried();
        if (!serviceAccounts.isEmpty()) {
            out.add(new Reminder("keycloak.service-accounts-not-carried", "Service accounts with new ids on the Target",
                    "The bundle does not carry these clients' service-account users (it was exported by a Ferry that did not carry them), "
                            + "so the Target made new ones: client_credentials tokens name a new subject, and anything keyed by the old "
                            + "id (OpenFGA tuples, application settings) must be updated. To keep the ids, export again with a Ferry "
                            + "that carries service accounts, or with --keycloak-realm-file.", serviceAccounts));
        }
        List<String> masked = new ArrayList<>();
        carried.realm().path("clients").forEach(c -> {
            if (MASKED_SECRET.equals(c.path("secret").asText())) {
                masked.add(c.path("clientId").asText());
            }
        });
        if (!masked.isEmpty()) {
            out.add(new Reminder("keycloak.masked-client-secrets", "Re-enter masked client secrets",
                    "These clients' secrets reached the bundle masked; set each one on the Target (Clients → Credentials) "
                            + "to the value the applications use.", masked));
        }
        List<String> webauthn = new ArrayList<>();
        List<String> reset = new ArrayList<>();
        carried.users().forEach(u -> {
            String name = u.path("username").asText() + " (" + u.path("id").asText() + ")";
            if (u.path("ferryNeedsWebAuthnReenrolment").asBoolean(false)) {
                webauthn.add(name);
            }
            boolean serviceAccount = u.path("username").asText().startsWith("service-account-");
            if (!serviceAccount && !u.path("ferryPasswordCarried").asBoolean(false)) {
                reset.add(name);
            }
        });
        if (!webauthn.isEmpty()) {
            out.add(new Reminder("keycloak.webauthn-reenrolment", "Users who must re-enrol their security keys (WebAuthn)",
                    "WebAuthn credentials are bound to the Source's origin and cannot be carried; tell these users to register "
                            + "their keys again at first login.", webauthn));
        }
        if (!reset.isEmpty()) {
            out.add(new Reminder("keycloak.password-reset", "Users who must set a new password",
                    "Their password hash was not carried (no offline kc.sh export); the load gave them the update-password "
                            + "required action. Tell them before cutover.", reset));
        }
        return out;
    }
}

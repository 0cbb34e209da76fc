package dev.ferry.stores.keycloak;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.stores.keycloak.RealmSecrets.Kind;
import dev.ferry.stores.keycloak.RealmSecrets.Secret;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Admin API's secret mask ({@code **********}) in a realm representation, and what Ferry does with each one: a mask
 * is never carried as if it were the value. Keycloak 26.4 answers {@code POST /admin/realms} with HTTP 500 for a
 * masked private key, and stores every other masked value literally, so the Target would hold the ten asterisks as
 * its SMTP password, LDAP bind credential or identity provider secret (docs/reference/keycloak-paths.md).
 *
 * <p>The decision per kind:
 * <ul>
 * <li>{@link Kind#REALM_KEY}: the whole key provider is left out, so the Target generates keys of its own. Nobody can
 * re-enter a private key the Source never showed; what it means is listed: users log in again, and tokens from the
 * Source are invalid.</li>
 * <li>SMTP secret, identity provider secret, user federation credential, client secret, secret client attribute: the
 * value is left out and listed, naming where to re-enter it on the Target. Each is a value an administrator holds and
 * sets in a minute; refusing the export would instead force the offline export, which needs the Source's Keycloak
 * stopped (or database access) that the operator may not have. The Target loads and works without them, except the
 * one feature each one unlocks, and the plan lists them before the window.</li>
 * <li>A masked secret of any other component, a masked user credential, a mask anywhere else: the export is
 * refused with the list and the fix. Ferry does not know what the Target does without such a value (a key provider
 * answered 500), so it cannot promise the dry run predicts the load.</li>
 * </ul>
 * Key providers whose material the Admin API strips silently (the generated ones) are listed with the same meaning:
 * on the API-only path the Target's keys are always new.
 */
public final class MaskedValues {
    private static final String OFFLINE_FIX = "export with --keycloak-realm-file (the offline kc.sh export carries it)";

    private MaskedValues() {
    }

    /** Every masked value of the realm representation. */
    public static List<Secret> find(JsonNode realm) {
        return RealmSecrets.of(realm).stream().filter(Secret::masked).toList();
    }

    /** What Ferry does with a masked value of this kind. */
    public enum Decision {
        /** The key provider holding it is left out: the Target generates keys. */
        LEAVE_OUT_KEY_PROVIDER,
        /** The value is left out: a person re-enters it on the Target. */
        LEAVE_OUT_VALUE,
        /** The export is refused: carry the offline export. */
        REFUSE
    }

    public static Decision decide(Kind kind) {
        return switch (kind) {
            case REALM_KEY -> Decision.LEAVE_OUT_KEY_PROVIDER;
            case SMTP_SECRET, IDENTITY_PROVIDER_SECRET, USER_FEDERATION_CREDENTIAL, CLIENT_SECRET, CLIENT_ATTRIBUTE ->
                Decision.LEAVE_OUT_VALUE;
            case COMPONENT_SECRET, USER_CREDENTIAL, OTHER -> Decision.REFUSE;
        };
    }

    /**
     * One thing the bundle does not carry, for the plan, the export summary and validate's "needs a person".
     *
     * @param kind        what it is
     * @param what        names the value and its holder, never the value: "clientSecret of identity provider 'corp'"
     * @param pointer     where it stood in the realm representation
     * @param consequence what the Target does without it
     * @param fix         what a person does about it
     */
    public record LeftOut(Kind kind, String what, String pointer, String consequence, String fix) {
    }

    /**
     * The realm representation without its masked values.
     *
     * @param realm   a copy, with every masked value (and every key provider holding one) left out
     * @param leftOut what is not carried, in document order
     * @param refused masked values Ferry will not leave out: non-empty means the export must stop
     */
    public record Cleaned(ObjectNode realm, List<LeftOut> leftOut, List<Secret> refused) {
        public Cleaned {
            leftOut = List.copyOf(leftOut);
            refused = List.copyOf(refused);
        }

        /** The refusal's problem, naming each value; empty when nothing is refused. */
        public String refusal() {
            if (refused.isEmpty()) {
                return "";
            }
            return "the Keycloak Admin API masks " + refused.size() + " value(s) that Ferry cannot leave out safely: "
                    + refused.stream().map(s -> s.describe() + " at " + s.pointer()).collect(Collectors.joining("; "));
        }

        /** The refusal's fix. */
        public static String refusalFix() {
            return "Export with --keycloak-realm-file (the offline kc.sh export carries every value in clear), or remove the "
                    + "values from the Source realm before the export and re-enter them on the Target after the load.";
        }
    }

    /** Leaves out every masked value as {@link #decide} says, and lists realm keys the representation does not carry. */
    public static Cleaned leaveOut(JsonNode source) {
        ObjectNode realm = source.deepCopy();
        List<LeftOut> leftOut = new ArrayList<>();
        List<Secret> refused = new ArrayList<>();
        Map<String, Secret> keyProviders = new LinkedHashMap<>();
        List<String> values = new ArrayList<>();
        for (Secret s : find(realm)) {
            switch (decide(s.kind())) {
                case LEAVE_OUT_KEY_PROVIDER -> keyProviders.putIfAbsent(componentPointer(s.pointer()), s);
                case LEAVE_OUT_VALUE -> {
                    values.add(s.pointer());
                    leftOut.add(new LeftOut(s.kind(), s.describe(), s.pointer(), consequence(s), fix(s)));
                }
                case REFUSE -> refused.add(s);
            }
        }
        for (Map.Entry<String, Secret> k : keyProviders.entrySet()) {
            leftOut.add(new LeftOut(Kind.REALM_KEY, "keys of " + k.getValue().subject(), k.getKey(), keyConsequence(),
                    "nothing to re-enter; to keep the keys, " + OFFLINE_FIX));
        }
        values.forEach(p -> removeValue(realm, p));
        removeComponents(realm, keyProviders.keySet());
        leftOut.addAll(keysNotCarried(realm, !keyProviders.isEmpty()));
        return new Cleaned(realm, leftOut, refused);
    }

    /** What losing the realm's keys means; the same words wherever it is listed. */
    public static String keyConsequence() {
        return "the Target generates new realm keys: every user logs in again, and tokens and key ids issued by the Source "
                + "are invalid on the Target";
    }

    /**
     * Key providers whose key material the representation does not hold (the Admin API strips a generated key's
     * private key without masking it), or the realm's keys as a whole when it carries no key provider at all (and none
     * was left out: those are listed already).
     */
    static List<LeftOut> keysNotCarried(JsonNode realm, boolean providersLeftOut) {
        List<LeftOut> out = new ArrayList<>();
        JsonNode providers = realm.path("components").path(RealmSecrets.KEY_PROVIDER);
        String fix = "nothing to re-enter; to keep the keys, " + OFFLINE_FIX;
        if (providers.isEmpty()) {
            if (providersLeftOut) {
                return out;
            }
            out.add(new LeftOut(Kind.REALM_KEY, "the realm's keys", "/components", keyConsequence(), fix));
            return out;
        }
        for (int i = 0; i < providers.size(); i++) {
            JsonNode p = providers.get(i);
            boolean material = false;
            for (Map.Entry<String, JsonNode> e : p.path("config").properties()) {
                if ((e.getKey().equals("privateKey") || e.getKey().equals("secret") || e.getKey().equals("keystore"))
                        && !firstValue(e.getValue()).isEmpty()) {
                    material = true;
                }
            }
            if (!material) {
                out.add(new LeftOut(Kind.REALM_KEY, "keys of " + RealmSecrets.describeComponent(RealmSecrets.KEY_PROVIDER, p),
                        "/components/" + RealmSecrets.token(RealmSecrets.KEY_PROVIDER) + "/" + i, keyConsequence(), fix));
            }
        }
        return out;
    }

    /** A component config value: a list of strings in every export, a plain string in hand-written ones. */
    private static String firstValue(JsonNode value) {
        return value.isArray() ? value.path(0).asText("") : value.asText("");
    }

    private static String consequence(Secret s) {
        return switch (s.kind()) {
            case SMTP_SECRET -> "the Target sends no e-mail (password resets, verifications) until it is re-entered";
            case IDENTITY_PROVIDER_SECRET -> "logins through " + s.subject() + " fail until it is re-entered";
            case USER_FEDERATION_CREDENTIAL -> s.subject() + " cannot bind to its directory until it is re-entered";
            case CLIENT_SECRET -> "the Target generates a new secret for " + s.subject()
                    + ": applications presenting the Source's secret are refused until it is set to that value";
            case CLIENT_ATTRIBUTE -> s.subject() + " loses it (client.secret.rotated is the previous secret, still accepted "
                    + "while a rotation runs)";
            default -> "";
        };
    }

    private static String fix(Secret s) {
        String where = switch (s.kind()) {
            case SMTP_SECRET -> "Realm settings → Email";
            case IDENTITY_PROVIDER_SECRET -> "Identity providers → " + quoted(s.subject()) + " → Client secret";
            case USER_FEDERATION_CREDENTIAL -> "User federation → " + quoted(s.subject()) + " → Bind credentials";
            case CLIENT_SECRET, CLIENT_ATTRIBUTE -> "Clients → " + quoted(s.subject()) + " → Credentials";
            default -> "the admin console";
        };
        return "re-enter it on the Target (" + where + "), or " + OFFLINE_FIX;
    }

    private static String quoted(String subject) {
        int a = subject.indexOf('\'');
        int b = subject.indexOf('\'', a + 1);
        return a >= 0 && b > a ? subject.substring(a + 1, b) : subject;
    }

    /** ".../components/T/3/config/privateKey/0" → ".../components/T/3". */
    private static String componentPointer(String pointer) {
        return pointer.substring(0, pointer.lastIndexOf("/config/"));
    }

    /** Removes the field holding the value; a value inside a component's config list takes its config key with it. */
    private static void removeValue(ObjectNode realm, String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = realm.at(p.head());
        if (parent.isArray()) {
            p = p.head();
            parent = realm.at(p.head());
        }
        if (parent instanceof ObjectNode o) {
            o.remove(p.last().getMatchingProperty());
        }
    }

    /** Removes components by pointer, highest index first within each list so the others keep their index. */
    private static void removeComponents(ObjectNode realm, Iterable<String> pointers) {
        List<JsonPointer> sorted = new ArrayList<>();
        pointers.forEach(p -> sorted.add(JsonPointer.compile(p)));
        sorted.sort(Comparator.comparing((JsonPointer p) -> p.head().toString())
                .thenComparing(p -> -p.last().getMatchingIndex()));
        for (JsonPointer p : sorted) {
            if (realm.at(p.head()) instanceof ArrayNode list) {
                list.remove(p.last().getMatchingIndex());
            }
        }
    }
}

package dev.ferry.stores.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every place a Keycloak realm representation holds a secret, in clear or masked: what the exporter must never carry
 * masked, and what validate compares by digest and never prints. The shape is the one {@code partial-export},
 * {@code kc.sh export} and Ferry's own realm read share (docs/reference/keycloak-paths.md lists where Keycloak 26.4
 * masks each one).
 *
 * <p>Known secret fields are listed whatever their value; any other string equal to the Admin API's mask is listed
 * too, as {@link Kind#OTHER} (or as the secret of the component it sits in), so a field a later Keycloak starts to
 * mask is never mistaken for data.
 */
public final class RealmSecrets {
    /** What the Admin API writes in place of a secret (Keycloak's ComponentRepresentation.SECRET_VALUE). */
    public static final String MASK = "**********";

    static final String KEY_PROVIDER = "org.keycloak.keys.KeyProvider";
    static final String USER_STORAGE = "org.keycloak.storage.UserStorageProvider";

    /** Config keys of key providers that hold key material or unlock it. */
    private static final Set<String> KEY_SECRETS = Set.of("privateKey", "secret", "keystorePassword", "keyPassword");
    /** Config keys of user federation providers that hold a credential. */
    private static final Set<String> FEDERATION_SECRETS = Set.of("bindCredential");
    private static final List<String> SMTP_SECRETS = List.of("password", "authTokenClientSecret");
    /** Client attributes Keycloak treats as secrets (ClientSecretConstants.CLIENT_ROTATED_SECRET). */
    private static final Set<String> CLIENT_SECRET_ATTRIBUTES = Set.of("client.secret.rotated");

    private RealmSecrets() {
    }

    /** What a secret is for; decides what leaving it out means (see {@link MaskedValues}). */
    public enum Kind {
        /** Key material of a realm key provider (rsa, rsa-enc, java-keystore, hmac/aes secrets). */
        REALM_KEY,
        /** The SMTP server's password or OAuth client secret. */
        SMTP_SECRET,
        /** An identity provider's client secret. */
        IDENTITY_PROVIDER_SECRET,
        /** A user federation provider's credential (LDAP bind credential). */
        USER_FEDERATION_CREDENTIAL,
        /** A client's secret. */
        CLIENT_SECRET,
        /** A client attribute holding a secret (the rotated client secret). */
        CLIENT_ATTRIBUTE,
        /** A secret property of another component (a provider Ferry knows nothing about). */
        COMPONENT_SECRET,
        /** A user's credential (secretData of the offline export, or a clear value). */
        USER_CREDENTIAL,
        /** A masked value anywhere else. */
        OTHER
    }

    /**
     * One secret.
     *
     * @param pointer JSON pointer (RFC 6901) to the value inside the realm representation
     * @param kind    what it is for
     * @param subject the item that holds it, for people: "client 'kea-backend'", "key provider 'rsa-1' (rsa)"
     * @param field   the field's name: "secret", "privateKey", "password"
     * @param value   the value as it stands (the mask, or the secret itself): never print it
     */
    public record Secret(String pointer, Kind kind, String subject, String field, String value) {
        public boolean masked() {
            return MASK.equals(value);
        }

        /** "clientSecret of identity provider 'corp'": names the place, never the value. */
        public String describe() {
            return field + " of " + subject;
        }

        @Override
        public String toString() {
            return pointer + " (" + kind + ")";
        }
    }

    /** Every secret of the realm representation, in document order. */
    public static List<Secret> of(JsonNode realm) {
        List<Secret> out = new ArrayList<>();
        Walk walk = new Walk(out);
        walk.smtp(realm.path("smtpServer"));
        walk.clients(realm.path("clients"));
        walk.identityProviders(realm.path("identityProviders"));
        walk.components(realm.path("components"), "/components");
        walk.users(realm.path("users"));
        walk.otherMasks(realm, "");
        return out;
    }

    /** Escapes one reference token of a JSON pointer (RFC 6901 §3). */
    static String token(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static final class Walk {
        private final List<Secret> out;
        private final Set<String> seen = new HashSet<>();

        Walk(List<Secret> out) {
            this.out = out;
        }

        private void add(String pointer, Kind kind, String subject, String field, JsonNode value) {
            if (value.isTextual() && seen.add(pointer)) {
                out.add(new Secret(pointer, kind, subject, field, value.asText()));
            }
        }

        void smtp(JsonNode smtp) {
            for (String field : SMTP_SECRETS) {
                if (smtp.has(field)) {
                    add("/smtpServer/" + token(field), Kind.SMTP_SECRET, "the SMTP server", field, smtp.get(field));
                }
            }
        }

        void clients(JsonNode clients) {
            for (int i = 0; i < clients.size(); i++) {
                JsonNode c = clients.get(i);
                String subject = "client '" + c.path("clientId").asText() + "'";
                String at = "/clients/" + i;
                if (c.has("secret")) {
                    add(at + "/secret", Kind.CLIENT_SECRET, subject, "secret", c.get("secret"));
                }
                for (Map.Entry<String, JsonNode> a : c.path("attributes").properties()) {
                    if (CLIENT_SECRET_ATTRIBUTES.contains(a.getKey()) || MASK.equals(a.getValue().asText())) {
                        add(at + "/attributes/" + token(a.getKey()), Kind.CLIENT_ATTRIBUTE, subject, "attribute " + a.getKey(),
                                a.getValue());
                    }
                }
            }
        }

        void identityProviders(JsonNode idps) {
            for (int i = 0; i < idps.size(); i++) {
                JsonNode idp = idps.get(i);
                JsonNode config = idp.path("config");
                String subject = "identity provider '" + idp.path("alias").asText() + "'";
                for (Map.Entry<String, JsonNode> e : config.properties()) {
                    if (e.getKey().equals("clientSecret") || MASK.equals(e.getValue().asText())) {
                        add("/identityProviders/" + i + "/config/" + token(e.getKey()), Kind.IDENTITY_PROVIDER_SECRET, subject,
                                e.getKey(), e.getValue());
                    }
                }
            }
        }

        /** {@code components} is {providerType: [component]}; each may hold {@code subComponents} of the same shape. */
        void components(JsonNode byType, String at) {
            for (Map.Entry<String, JsonNode> type : byType.properties()) {
                JsonNode list = type.getValue();
                for (int i = 0; i < list.size(); i++) {
                    JsonNode c = list.get(i);
                    String here = at + "/" + token(type.getKey()) + "/" + i;
                    component(type.getKey(), c, here);
                    components(c.path("subComponents"), here + "/subComponents");
                }
            }
        }

        private void component(String type, JsonNode c, String at) {
            Kind kind = switch (type) {
                case KEY_PROVIDER -> Kind.REALM_KEY;
                case USER_STORAGE -> Kind.USER_FEDERATION_CREDENTIAL;
                default -> Kind.COMPONENT_SECRET;
            };
            Set<String> known = switch (type) {
                case KEY_PROVIDER -> KEY_SECRETS;
                case USER_STORAGE -> FEDERATION_SECRETS;
                default -> Set.of();
            };
            String subject = describeComponent(type, c);
            for (Map.Entry<String, JsonNode> e : c.path("config").properties()) {
                JsonNode values = e.getValue();
                boolean secretKey = known.contains(e.getKey());
                if (values.isArray()) {
                    for (int v = 0; v < values.size(); v++) {
                        if (secretKey || MASK.equals(values.get(v).asText())) {
                            add(at + "/config/" + token(e.getKey()) + "/" + v, kind, subject, e.getKey(), values.get(v));
                        }
                    }
                } else if (secretKey || MASK.equals(values.asText())) {
                    add(at + "/config/" + token(e.getKey()), kind, subject, e.getKey(), values);
                }
            }
        }

        void users(JsonNode users) {
            for (int i = 0; i < users.size(); i++) {
                JsonNode u = users.get(i);
                String subject = "user " + u.path("id").asText();
                JsonNode creds = u.path("credentials");
                for (int j = 0; j < creds.size(); j++) {
                    JsonNode cred = creds.get(j);
                    for (String field : List.of("secretData", "value")) {
                        if (cred.hasNonNull(field)) {
                            add("/users/" + i + "/credentials/" + j + "/" + field, Kind.USER_CREDENTIAL,
                                    subject + " (" + cred.path("type").asText() + " credential)", field, cred.get(field));
                        }
                    }
                }
            }
        }

        /** The mask anywhere the walks above do not look. */
        void otherMasks(JsonNode node, String at) {
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    otherMasks(e.getValue(), at + "/" + token(e.getKey()));
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    otherMasks(node.get(i), at + "/" + i);
                }
            } else if (MASK.equals(node.asText()) && !seen.contains(at)) {
                add(at, Kind.OTHER, "the realm", at.substring(at.lastIndexOf('/') + 1), node);
            }
        }
    }

    static String describeComponent(String type, JsonNode c) {
        String name = c.path("name").asText();
        String provider = c.path("providerId").asText();
        return switch (type) {
            case KEY_PROVIDER -> "key provider '" + name + "' (" + provider + ")";
            case USER_STORAGE -> "user federation '" + name + "' (" + provider + ")";
            default -> "component '" + name + "' (" + provider + ", " + type + ")";
        };
    }
}

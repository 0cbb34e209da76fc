package dev.ferry.tests.openfga;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Checks a tuple to be written against an authorization model, in the server's order: well-formed
 * fields, object type and relation, userset user, implicit tuple, type restrictions, condition.
 */
final class TupleValidator {
    private static final int MAX_CONTEXT_BYTES = 32 * 1024;

    private TupleValidator() {
    }

    static void validateWrite(AuthorizationModel model, TupleKey key) {
        requireWellFormed(key);
        Map<String, AuthorizationModel.Relation> relations = model.types().get(key.objectType());
        if (relations == null) {
            throw invalid(key, "type '" + key.objectType() + "' not found");
        }
        AuthorizationModel.Relation relation = relations.get(key.relation());
        if (relation == null) {
            throw invalid(key, "relation '" + key.objectType() + "#" + key.relation() + "' not found");
        }
        UserRef user = UserRef.of(key.user());
        if (!user.relation().isEmpty()) {
            Map<String, AuthorizationModel.Relation> userType = model.types().get(user.type());
            if (userType == null) {
                throw invalid(key, "type '" + user.type() + "' not found");
            }
            if (!userType.containsKey(user.relation())) {
                throw invalid(key, "relation '" + user.type() + "#" + user.relation() + "' not found");
            }
            if (key.user().equals(key.object() + "#" + key.relation())) {
                throw invalid(key, "cannot write a tuple that is implicit");
            }
        }
        List<AuthorizationModel.TypeRestriction> allowed = relation.directTypes().stream()
                .filter(user::matches).toList();
        if (allowed.isEmpty()) {
            throw invalid(key, user.notAllowedReason() + " is not an allowed type restriction for '"
                    + key.objectType() + "#" + key.relation() + "'");
        }
        requireCondition(model, key, allowed);
    }

    /** Deletes are not checked against the model, only for a usable user field. */
    static void validateDelete(TupleKey key) {
        if (!wellFormedUser(key.user())) {
            throw invalid(key, "the 'user' field is malformed");
        }
    }

    private static void requireCondition(AuthorizationModel model, TupleKey key,
            List<AuthorizationModel.TypeRestriction> allowed) {
        TupleKey.Condition condition = key.condition();
        if (condition == null) {
            if (allowed.stream().noneMatch(r -> r.condition().isEmpty())) {
                throw invalid(key, "condition is missing");
            }
            return;
        }
        if (!model.conditionParameters().containsKey(condition.name())) {
            throw invalid(key, "undefined condition");
        }
        if (allowed.stream().noneMatch(r -> r.condition().equals(condition.name()))) {
            throw invalid(key, "invalid condition for type restriction");
        }
        condition.context().fieldNames().forEachRemaining(p -> {
            if (!model.conditionParameters().get(condition.name()).contains(p)) {
                throw invalid(key, "found invalid context parameter: " + p);
            }
        });
        int size = condition.context().toString().getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_CONTEXT_BYTES) {
            throw invalid(key, "condition context size limit exceeded: " + size + " bytes exceeds "
                    + MAX_CONTEXT_BYTES + " bytes");
        }
    }

    private static void requireWellFormed(TupleKey key) {
        if (!wellFormedUser(key.user())) {
            throw invalid(key, "the 'user' field is malformed");
        }
        if (!key.user().contains(":")) {
            throw invalid(key, "the 'user' field must be an object (e.g. document:1) or an 'object#relation' or a"
                    + " typed wildcard (e.g. group:*)");
        }
        if (!wellFormedObject(key.object())) {
            throw invalid(key, "invalid 'object' field format");
        }
        if (!key.relation().matches("[^:#@\\s]{1,50}")) {
            throw invalid(key, "the 'relation' field is malformed");
        }
    }

    private static boolean wellFormedUser(String user) {
        if (user.isEmpty() || user.chars().anyMatch(Character::isWhitespace)
                || count(user, ':') > 1 || count(user, '#') > 1) {
            return false;
        }
        int hash = user.indexOf('#');
        if (hash >= 0) {
            String object = user.substring(0, hash);
            return wellFormedObject(object) && !object.endsWith(":*")
                    && user.substring(hash + 1).matches("[^:#@\\s]{1,50}");
        }
        int colon = user.indexOf(':');
        return colon != 0 && colon != user.length() - 1;
    }

    private static boolean wellFormedObject(String object) {
        int colon = object.indexOf(':');
        return colon > 0 && colon < object.length() - 1 && object.indexOf('#') < 0
                && object.chars().noneMatch(Character::isWhitespace) && count(object, ':') == 1;
    }

    private static long count(String s, char c) {
        return s.chars().filter(ch -> ch == c).count();
    }

    private static ApiError invalid(TupleKey key, String reason) {
        return ApiError.invalidTuple(key.id(), reason);
    }

    /** The user of a well-formed typed tuple, split into its parts. */
    record UserRef(String type, String id, String relation) {
        static UserRef of(String user) {
            int colon = user.indexOf(':');
            int hash = user.indexOf('#');
            String type = user.substring(0, colon);
            String id = hash < 0 ? user.substring(colon + 1) : user.substring(colon + 1, hash);
            return new UserRef(type, id, hash < 0 ? "" : user.substring(hash + 1));
        }

        boolean wildcard() {
            return relation.isEmpty() && id.equals("*");
        }

        boolean matches(AuthorizationModel.TypeRestriction r) {
            if (!r.type().equals(type)) {
                return false;
            }
            if (wildcard()) {
                return r.wildcard();
            }
            return !r.wildcard() && r.relation().equals(relation);
        }

        String notAllowedReason() {
            if (wildcard()) {
                return "the typed wildcard '" + type + ":*'";
            }
            return relation.isEmpty() ? "type '" + type + "'" : "'" + type + "#" + relation + "'";
        }
    }
}

package dev.ferry.stores.openfga;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The import's rule for tuple subjects (runbook §1.2), one definition for the load that writes the Target store and
 * for validate that predicts it: if the two drifted, validate would fail a correct load or pass a wrong one.
 * <ul>
 * <li>a tuple whose subject is not a username ({@code user:<uuid>}, {@code user:*}, {@code team:…}) is kept as it is;</li>
 * <li>a username-form subject ({@code user:alice}) is dropped, or, when the Target config says {@code usernameTuples:
 * map}, rewritten to the user's id through the bundle's Keycloak username → id table (a username no user of the
 * bundle has is dropped all the same).</li>
 * </ul>
 * {@link #decide} is the rule itself, a pure function of one tuple; {@link Selection} applies it to a whole tuple set
 * the way the load writes it (each tuple key once, a tuple kept as it is winning over a mapped twin).
 */
public final class SubjectFilter {
    private static final String USER = "user:";

    private final boolean mapUsernames;
    private final Map<String, String> idByUsername;

    /**
     * @param mapUsernames true to rewrite username subjects to ids ({@code usernameTuples: map}), false to drop them
     * @param idByUsername the bundle's Keycloak users, username → id (empty when the bundle carries no realm); also used
     *                     when dropping, to tell whether a dropped tuple has a UUID twin
     */
    public SubjectFilter(boolean mapUsernames, Map<String, String> idByUsername) {
        this.mapUsernames = mapUsernames;
        this.idByUsername = Map.copyOf(idByUsername);
    }

    /** What becomes of one tuple of the bundle. */
    public enum Verdict {
        /** Written as it is. */
        KEEP,
        /** Written with the username replaced by the user's id. */
        MAP,
        /** Not written: a username subject the filter drops or cannot map. */
        DROP
    }

    /** @param tuple the tuple the Target holds (KEEP, MAP), or the bundle's tuple (DROP) */
    public record Decision(Verdict verdict, TupleRecord tuple) {
    }

    /** The rule for one tuple; depends on nothing but the tuple and this filter's settings. */
    public Decision decide(TupleRecord tuple) {
        if (!tuple.isUsernameForm()) {
            return new Decision(Verdict.KEEP, tuple);
        }
        Optional<TupleRecord> mapped = uuidForm(tuple);
        if (mapUsernames && mapped.isPresent()) {
            return new Decision(Verdict.MAP, mapped.get());
        }
        return new Decision(Verdict.DROP, tuple);
    }

    /** The username-form tuple with its subject replaced by the user's id, when the bundle knows that user. */
    public Optional<TupleRecord> uuidForm(TupleRecord tuple) {
        if (!tuple.user().startsWith(USER)) {
            return Optional.empty();
        }
        String id = idByUsername.get(tuple.user().substring(USER.length()));
        return id == null ? Optional.empty() : Optional.of(tuple.withUser(USER + id));
    }

    /** A new selection over a tuple set, for one load or one validation. */
    public Selection select() {
        return new Selection();
    }

    /**
     * The filter applied to a whole tuple set as it streams by: tuples kept as they are go out at once, in the bundle's
     * order; mapped ones after the last tuple (so a username tuple whose UUID twin is also carried collapses onto it);
     * each tuple key only once. Holds one key per written tuple and the username-form tuples, not the whole set.
     */
    public final class Selection {
        private final Set<String> keys = new HashSet<>();
        private final List<TupleRecord> usernameForm = new ArrayList<>();
        private final List<TupleRecord> dropped = new ArrayList<>();
        private boolean finished;

        private Selection() {
        }

        /** Offers the next tuple of the bundle; returns it when it is to be written now. */
        public Optional<TupleRecord> offer(TupleRecord tuple) {
            if (finished) {
                throw new IllegalStateException("the selection is finished");
            }
            Decision d = decide(tuple);
            if (d.verdict() != Verdict.KEEP) {
                usernameForm.add(tuple);
                return Optional.empty();
            }
            return keys.add(tuple.key()) ? Optional.of(tuple) : Optional.empty();
        }

        /** After the last tuple: the mapped tuples to write, each key not already written, in the bundle's order. */
        public List<TupleRecord> finish() {
            finished = true;
            List<TupleRecord> out = new ArrayList<>();
            for (TupleRecord t : usernameForm) {
                Decision d = decide(t);
                if (d.verdict() == Verdict.DROP) {
                    dropped.add(t);
                } else if (keys.add(d.tuple().key())) {
                    out.add(d.tuple());
                }
            }
            return out;
        }

        /** The username-form tuples of the bundle (dropped or mapped). */
        public List<TupleRecord> usernameForm() {
            return List.copyOf(usernameForm);
        }

        /** After {@link #finish}: the username-form tuples that are not written at all. */
        public List<TupleRecord> dropped() {
            if (!finished) {
                throw new IllegalStateException("dropped() is known after finish()");
            }
            return List.copyOf(dropped);
        }

        /**
         * After {@link #finish}: whether a dropped tuple's grant may be lost, because the Target holds no tuple for the
         * same user by id (the user is unknown to the bundle, or the Source had only the username form).
         */
        public boolean mayBeLost(TupleRecord droppedTuple) {
            return uuidForm(droppedTuple).map(twin -> !keys.contains(twin.key())).orElse(true);
        }
    }
}

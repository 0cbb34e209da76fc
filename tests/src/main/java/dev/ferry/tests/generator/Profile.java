package dev.ferry.tests.generator;

/**
 * How big a generated kea deployment is. The counts follow the runbook's sizing (500 users, 10 teams, about 3 agents
 * per user, about 3,000 documents); object bytes are a separate knob because only they make a bundle large.
 *
 * @param users              Keycloak users of realm {@code app}
 * @param teams              Keycloak root groups (kea teams)
 * @param agentsPerUser      UUID agents per user, team and personal together
 * @param documents          knowledge-flow documents ({@code metadata} rows, each with objects)
 * @param distinctPasswords  how many different plaintext passwords the users share; each costs one argon2id hash
 *                           (about 70 ms here), so a pool keeps seeding fast while logins stay real
 * @param objectBytes        total bytes of all objects, the large one included
 * @param volumeSize         the archive part size the large object must exceed, so an export splits it
 */
public record Profile(String name, int users, int teams, int agentsPerUser, int documents, int distinctPasswords,
        long objectBytes, long volumeSize) {

    private static final long MIB = 1024L * 1024L;
    private static final long GIB = 1024L * MIB;

    public Profile {
        if (users < 2 || teams < 1 || agentsPerUser < 0 || documents < 1 || distinctPasswords < 1) {
            throw new IllegalArgumentException("profile " + name + ": needs at least 2 users, 1 team, 1 document and 1 password");
        }
        if (volumeSize < 1 || objectBytes < largeObjectSize(volumeSize)) {
            throw new IllegalArgumentException("profile " + name + ": objectBytes " + objectBytes
                    + " must hold the large object of " + largeObjectSize(volumeSize) + " bytes (volumeSize x 1.5)");
        }
    }

    /** The runbook's deployment with a small object total: the default for end-to-end tests and the rehearsal. */
    public static Profile runbook() {
        return new Profile("runbook", 500, 10, 3, 3000, 20, 64 * MIB, 8 * MIB);
    }

    /** A few seconds to generate and seed: for store tests. */
    public static Profile small() {
        return new Profile("small", 20, 3, 3, 100, 4, 6 * MIB, 2 * MIB);
    }

    /** The runbook's "moderate" object volume (3 GB), for benchmarks run by hand. */
    public static Profile moderate() {
        return runbook().withName("moderate").withObjectBytes(3 * GIB).withVolumeSize(512 * MIB);
    }

    /** The runbook's "heavy" object volume (25 GB), for benchmarks run by hand. */
    public static Profile heavy() {
        return runbook().withName("heavy").withObjectBytes(25 * GIB).withVolumeSize(4 * GIB - 1);
    }

    public Profile withObjectBytes(long bytes) {
        return new Profile(name, users, teams, agentsPerUser, documents, distinctPasswords, bytes, volumeSize);
    }

    public Profile withVolumeSize(long bytes) {
        return new Profile(name, users, teams, agentsPerUser, documents, distinctPasswords, objectBytes, bytes);
    }

    public Profile withName(String newName) {
        return new Profile(newName, users, teams, agentsPerUser, documents, distinctPasswords, objectBytes, volumeSize);
    }

    /** The one object larger than a part: half a volume more than the volume size. */
    public long largeObjectSize() {
        return largeObjectSize(volumeSize);
    }

    private static long largeObjectSize(long volumeSize) {
        return volumeSize + volumeSize / 2 + 1;
    }
}

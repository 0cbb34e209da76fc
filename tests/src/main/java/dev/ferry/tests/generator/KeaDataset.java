package dev.ferry.tests.generator;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A whole generated kea deployment: what {@link KeaSeeder} writes into the Source stores and what tests expect to
 * find on the Target after a transfer. Equal seeds and profiles give equal datasets.
 *
 * @param tables   the kea tables, carried and skipped ones, in creation order
 * @param tuples   the OpenFGA tuples, valid under {@link KeaOpenFgaModel}
 * @param objects  the object specs; bytes come from {@link ObjectContent}
 */
public record KeaDataset(Profile profile, long seed, List<KeaTeam> teams, List<KeaUser> users, List<KeaClient> clients,
        List<SqlTable> tables, List<FgaTuple> tuples, List<ObjectSpec> objects) {

    /**
     * The tables Ferry carries (runbook §1.3; docs/reference/fred-stores.md: "mcp-server" is platform config the Target deployment
     * re-seeds, so it is skipped like sessions and checkpoints); every other generated table is one it must skip.
     */
    public static final List<String> CARRIED_TABLES =
            List.of("agent", "tag", "metadata", "resource", "teammetadata", "users");

    public SqlTable table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the dataset has no table " + name));
    }

    /** Row count per table name, in table order. */
    public Map<String, Integer> rowCounts() {
        return tables.stream().collect(Collectors.toMap(SqlTable::name, t -> t.rows().size(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    public KeaUser user(String username) {
        return users.stream().filter(u -> u.username().equals(username)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the dataset has no user " + username));
    }

    public Map<String, KeaTeam> teamsById() {
        return teams.stream().collect(Collectors.toMap(KeaTeam::id, Function.identity()));
    }

    public long objectBytes() {
        return objects.stream().mapToLong(ObjectSpec::size).sum();
    }

    public List<ObjectSpec> objectsIn(KeaBucket bucket) {
        return objects.stream().filter(o -> o.bucket() == bucket).toList();
    }
}

package dev.ferry.tests.generator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates a kea deployment from a profile and a seed. Pure: no store, no clock, no global randomness, so the same
 * profile and seed always give an equal {@link KeaDataset}. Datasets from different seeds share no ids, which lets
 * two of them live in one Keycloak (whose user and group ids are unique per database, not per realm).
 */
public final class KeaGenerator {
    private KeaGenerator() {
    }

    public static KeaDataset generate(Profile profile, long seed) {
        Draw root = new Draw(new SplittableRandom(seed));
        // One independent stream per part, split in a fixed order, so a change in one part leaves the others alone.
        Draw realmDraw = root.split();
        Draw knowledgeDraw = root.split();
        Draw agentDraw = root.split();
        Draw objectDraw = root.split();
        Draw teamDraw = root.split();
        Draw skippedDraw = root.split();
        Draw tupleDraw = root.split();

        RealmGenerator realm = new RealmGenerator(realmDraw, profile);
        List<KeaTeam> teams = realm.teams();
        List<KeaUser> users = realm.users(teams);
        List<KeaClient> clients = realm.clients();

        TupleSet tuples = new TupleSet();
        KnowledgeGenerator knowledge = new KnowledgeGenerator(knowledgeDraw);
        List<KnowledgeGenerator.Tag> tags = knowledge.tags(teams, users, tuples);
        List<KnowledgeGenerator.Document> documents = knowledge.documents(profile.documents(), tags, tuples);

        AgentsGenerator agents = new AgentsGenerator(agentDraw);
        List<String> agentIds = new ArrayList<>();
        List<String> libraryTagIds = tags.stream().filter(t -> t.type().equals("document"))
                .map(KnowledgeGenerator.Tag::id).toList();
        SqlTable agentTable = agents.agents(users, profile.agentsPerUser(), libraryTagIds, tuples, agentIds);

        ObjectPlanner planner = new ObjectPlanner(objectDraw);
        planner.documents(documents);
        Map<String, String> bannerKeys = planner.banners(TeamsGenerator.bannerTeams(teams));
        planner.assets(users, agentIds, tags);
        List<ObjectSpec> objects = planner.plan(profile);
        Map<String, Long> inputSizes = new HashMap<>();
        for (ObjectSpec o : objects) {
            int slash = o.key().indexOf("/input/");
            if (o.bucket() == KeaBucket.DOCUMENTS && slash > 0) {
                inputSizes.put(o.key().substring(0, slash), o.size());
            }
        }

        TeamsGenerator teamRows = new TeamsGenerator(teamDraw);
        teamRows.tuples(teams, users, tuples);
        List<SqlTable> tables = new ArrayList<>();
        tables.add(agentTable);
        tables.add(agents.mcpServers());
        tables.add(knowledge.tagTable(tags));
        tables.add(knowledge.metadataTable(documents, inputSizes));
        tables.add(knowledge.resources(Math.max(3, profile.users() / 5), tags, users, tuples));
        tables.add(teamRows.teamMetadata(teams, bannerKeys));
        tables.add(teamRows.gcuAcceptances(users));
        tables.addAll(new SkippedTablesGenerator(skippedDraw).tables(users, agentIds,
                documents.stream().map(KnowledgeGenerator.Document::uid).toList()));

        return new KeaDataset(profile, seed, List.copyOf(teams), List.copyOf(users), List.copyOf(clients),
                List.copyOf(tables), List.copyOf(tuples.withUsernameForms(users, teams, tupleDraw)), objects);
    }
}

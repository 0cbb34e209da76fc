package dev.ferry.importer.upgrade.agents;

import dev.ferry.common.ConfigException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which swift template serves each kea agent template (a {@code definition_ref} or a v1 {@code class_path}), and which
 * kea templates are samples left behind. Anything else is a GAP. The default is swift's own
 * {@code KEA_TO_SWIFT_TEMPLATE} (docs/reference/fred-stores.md §5.3); an operator may serve the templates from another runtime
 * ({@link #servedBy}), map more templates or re-map some ({@link #withOverrides}), or ignore more ({@link #withIgnored}).
 */
public record TemplateMapping(Map<String, SwiftTemplate> mapped, Set<String> ignored) {

    /** swift's {@code KEA_TO_SWIFT_TEMPLATE} (HEAD import_export/agent_map.py). */
    public static final Map<String, String> KEA_TO_SWIFT_TEMPLATE = ordered(
            "v2.react.basic", "fred-agents:fred.github.assistant",
            "v2.production.sql_analyst", "fred-agents:fred.github.sql_expert",
            "agentic_backend.agents.v1.production.prometheus.prometheus_expert.Spot", "fred-agents:fred.github.sentinel",
            "agentic_backend.agents.v1.production.rags.rag_expert.Rico", "fred-agents:fred.github.rag_expert",
            "agentic_backend.agents.v1.production.tabular.tabular_expert.Tessa", "fred-agents:fred.github.sql_expert");

    /** The sample templates swift's importer skips silently. */
    public static final Set<String> SAMPLES = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            "v2.sample.bank_transfer", "v2.deep.corpus_investigator", "v2.production.dva_risk_validator.graph",
            "v2.production.dva_risk_validator.qa")));

    public TemplateMapping {
        mapped = Collections.unmodifiableMap(new LinkedHashMap<>(mapped));
        ignored = Collections.unmodifiableSet(new LinkedHashSet<>(ignored));
        for (String t : ignored) {
            if (mapped.containsKey(t)) {
                throw new ConfigException("kea template '" + t + "' is both mapped and ignored", "keep it in one of the two lists");
            }
        }
    }

    public static TemplateMapping defaults() {
        Map<String, SwiftTemplate> m = new LinkedHashMap<>();
        KEA_TO_SWIFT_TEMPLATE.forEach((kea, swift) -> m.put(kea, SwiftTemplate.parse(swift, kea)));
        return new TemplateMapping(m, SAMPLES);
    }

    /** The same agents, served by another runtime id (the one the Target's control plane lists in its catalog). */
    public TemplateMapping servedBy(String runtimeId) {
        if (runtimeId == null || runtimeId.isBlank() || runtimeId.contains(":")) {
            throw new ConfigException("the runtime id '" + runtimeId + "' is not a runtime id", "give the id of a runtime in swift's platform.runtime_catalog_sources, e.g. fred-agents");
        }
        Map<String, SwiftTemplate> m = new LinkedHashMap<>();
        mapped.forEach((kea, swift) -> m.put(kea, swift.servedBy(runtimeId.strip())));
        return new TemplateMapping(m, ignored);
    }

    /** Adds or replaces mappings, kea template → {@code <runtime>:<agent>}; a mapped template is no longer ignored. */
    public TemplateMapping withOverrides(Map<String, String> keaToTemplateId) {
        Map<String, SwiftTemplate> m = new LinkedHashMap<>(mapped);
        Set<String> ign = new LinkedHashSet<>(ignored);
        keaToTemplateId.forEach((kea, swift) -> {
            if (kea == null || kea.isBlank()) {
                throw new ConfigException("the template mapping has an empty kea template", "name the kea definition_ref or class_path it maps");
            }
            m.put(kea.strip(), SwiftTemplate.parse(swift, kea));
            ign.remove(kea.strip());
        });
        return new TemplateMapping(m, ign);
    }

    /** Adds kea templates to leave behind silently; an ignored template is no longer mapped. */
    public TemplateMapping withIgnored(Set<String> keaTemplates) {
        Map<String, SwiftTemplate> m = new LinkedHashMap<>(mapped);
        Set<String> ign = new LinkedHashSet<>(ignored);
        for (String t : keaTemplates) {
            m.remove(t.strip());
            ign.add(t.strip());
        }
        return new TemplateMapping(m, ign);
    }

    public Optional<SwiftTemplate> swiftTemplate(String keaTemplate) {
        return Optional.ofNullable(keaTemplate == null ? null : mapped.get(keaTemplate));
    }

    public boolean ignores(String keaTemplate) {
        return keaTemplate != null && ignored.contains(keaTemplate);
    }

    /** Whether a swift template id is one this mapping produces (validation: every agent_instance's template is mapped). */
    public boolean producesTemplateId(String templateId) {
        return mapped.values().stream().anyMatch(t -> t.templateId().equals(templateId));
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}

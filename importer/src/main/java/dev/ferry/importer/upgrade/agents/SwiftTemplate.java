package dev.ferry.importer.upgrade.agents;

import dev.ferry.common.ConfigException;

/**
 * A swift agent template, {@code <source_runtime_id>:<source_agent_id>}, split at the first colon (docs/reference/fred-stores.md
 * §5.3): {@code fred-agents:fred.github.assistant} is agent {@code fred.github.assistant} of runtime
 * {@code fred-agents}.
 */
public record SwiftTemplate(String runtimeId, String agentId) {

    public static SwiftTemplate parse(String templateId, String forKeaTemplate) {
        int colon = templateId == null ? -1 : templateId.indexOf(':');
        if (colon <= 0 || colon == templateId.length() - 1 || templateId.isBlank()) {
            throw new ConfigException("the template mapping gives '" + templateId + "' for kea template '" + forKeaTemplate
                    + "', which is not <runtime id>:<agent id>", "write it as, for example, fred-agents:fred.github.assistant");
        }
        return new SwiftTemplate(templateId.substring(0, colon).strip(), templateId.substring(colon + 1).strip());
    }

    public String templateId() {
        return runtimeId + ":" + agentId;
    }

    public SwiftTemplate servedBy(String runtime) {
        return new SwiftTemplate(runtime, agentId);
    }
}

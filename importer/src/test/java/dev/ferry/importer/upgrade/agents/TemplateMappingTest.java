package dev.ferry.importer.upgrade.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.common.ConfigException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateMappingTest {

    @Test
    void theDefaultIsSwiftsKeaToSwiftTemplateTable() {
        TemplateMapping m = TemplateMapping.defaults();
        assertEquals("fred-agents:fred.github.assistant", m.swiftTemplate("v2.react.basic").orElseThrow().templateId());
        assertEquals("fred-agents:fred.github.sql_expert", m.swiftTemplate("v2.production.sql_analyst").orElseThrow().templateId());
        assertEquals("fred-agents:fred.github.sentinel",
                m.swiftTemplate("agentic_backend.agents.v1.production.prometheus.prometheus_expert.Spot").orElseThrow().templateId());
        assertEquals("fred-agents:fred.github.rag_expert", m.swiftTemplate("agentic_backend.agents.v1.production.rags.rag_expert.Rico").orElseThrow().templateId());
        assertEquals("fred-agents:fred.github.sql_expert",
                m.swiftTemplate("agentic_backend.agents.v1.production.tabular.tabular_expert.Tessa").orElseThrow().templateId());
        assertEquals(5, m.mapped().size());
    }

    @Test
    void theSamplesAreIgnoredAndOtherKeaTemplatesAreNotMapped() {
        TemplateMapping m = TemplateMapping.defaults();
        for (String sample : new String[] {"v2.sample.bank_transfer", "v2.deep.corpus_investigator", "v2.production.dva_risk_validator.graph",
                "v2.production.dva_risk_validator.qa"}) {
            assertTrue(m.ignores(sample), sample);
        }
        for (String gap : new String[] {"v2.deep.basic", "v2.react.rag_expert", "v2.react.prometheus_expert", "v2.sample.slide_maker", "v2.production.archie"}) {
            assertFalse(m.ignores(gap), gap);
            assertEquals(Optional.empty(), m.swiftTemplate(gap), gap);
        }
    }

    @Test
    void aTemplateIdSplitsAtTheFirstColon() {
        SwiftTemplate t = SwiftTemplate.parse("fred-agents:fred.github:odd", "k");
        assertEquals("fred-agents", t.runtimeId());
        assertEquals("fred.github:odd", t.agentId());
    }

    @Test
    void anotherRuntimeCanServeTheTemplates() {
        TemplateMapping m = TemplateMapping.defaults().servedBy("agents-prod");
        assertEquals("agents-prod:fred.github.assistant", m.swiftTemplate("v2.react.basic").orElseThrow().templateId());
        assertTrue(m.producesTemplateId("agents-prod:fred.github.rag_expert"));
        assertFalse(m.producesTemplateId("fred-agents:fred.github.rag_expert"));
    }

    @Test
    void overridesAddOrReplaceMappingsAndUnIgnore() {
        TemplateMapping m = TemplateMapping.defaults().withOverrides(Map.of("v2.deep.basic", "fred-agents:fred.github.deep", "v2.sample.bank_transfer",
                "bank:transfer", "v2.react.basic", "other:assistant"));
        assertEquals("fred-agents:fred.github.deep", m.swiftTemplate("v2.deep.basic").orElseThrow().templateId());
        assertEquals("other:assistant", m.swiftTemplate("v2.react.basic").orElseThrow().templateId());
        assertFalse(m.ignores("v2.sample.bank_transfer"));
        assertEquals("bank:transfer", m.swiftTemplate("v2.sample.bank_transfer").orElseThrow().templateId());
    }

    @Test
    void moreTemplatesCanBeIgnored() {
        TemplateMapping m = TemplateMapping.defaults().withIgnored(Set.of("v2.react.basic", "v2.production.archie"));
        assertTrue(m.ignores("v2.react.basic"));
        assertTrue(m.swiftTemplate("v2.react.basic").isEmpty());
        assertTrue(m.ignores("v2.production.archie"));
    }

    @Test
    void aMalformedTemplateIdIsAConfigErrorNamingTheFix() {
        for (String bad : new String[] {"fred.github.assistant", ":x", "x:", "", " "}) {
            ConfigException e = assertThrows(ConfigException.class, () -> TemplateMapping.defaults().withOverrides(Map.of("v2.deep.basic", bad)), bad);
            assertTrue(e.problem().contains("v2.deep.basic"), e.problem());
            assertTrue(e.fix().contains("fred-agents:fred.github.assistant"), e.fix());
        }
        assertThrows(ConfigException.class, () -> TemplateMapping.defaults().servedBy("a:b"));
        assertThrows(ConfigException.class, () -> TemplateMapping.defaults().servedBy(" "));
    }
}

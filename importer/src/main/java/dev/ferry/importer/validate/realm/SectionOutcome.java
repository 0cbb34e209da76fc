package dev.ferry.importer.validate.realm;

import dev.ferry.importer.validate.Outcome;

/** One section's comparison, ready for {@code Checklist.run(section.checkId(), "keycloak", section.title(), ...)}. */
public record SectionOutcome(RealmSection section, Outcome outcome) {
}

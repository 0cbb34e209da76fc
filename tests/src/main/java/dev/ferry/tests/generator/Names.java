package dev.ferry.tests.generator;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/** Word lists that make generated data look like a French-and-English enterprise deployment. */
final class Names {
    static final List<String> FIRST = List.of("Alice", "Bob", "Élodie", "François", "Zoë", "Łukasz", "Søren", "Chloé",
            "Mathieu", "Inès", "Hélène", "Yann", "Camille", "Noémie", "Jürgen", "Aïcha", "Olivier", "Maëlle", "Ravi",
            "Mei", "Paulo", "Siobhán", "Thomas", "Léa", "Hugo", "Nadia", "Karim", "Emma", "Lucas", "Sofia");
    static final List<String> LAST = List.of("Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Garcia",
            "Müller", "Nguyen", "Rossi", "Kowalski", "O'Brien", "Fontaine", "Chevalier", "Roux", "Girard", "Bonnet",
            "Dupont", "Lambert", "Faure", "Mercier", "Blanc", "Guérin", "Boyer", "Perrin");
    static final List<String> TEAMS = List.of("fredlab", "data-platform", "rh-paris", "finance", "juridique",
            "cybersécurité", "marketing", "support-n2", "recherche", "opérations");
    static final List<String> DEPARTMENTS = List.of("engineering", "hr", "finance", "legal", "security", "sales");
    static final List<String> SITES = List.of("Paris", "Toulouse", "Sophia-Antipolis", "Montréal", "Singapore");
    static final List<String> DOCUMENT_STEMS = List.of("leave-policy", "Politique de congés — 2026",
            "rapport trimestriel", "Procédure d'accès VPN", "季度报告", "会议纪要 2026-06", "Contrat cadre fournisseur",
            "security baseline v3", "Guide d'intégration (nouveaux arrivants)", "budget prévisionnel",
            "incident post-mortem", "Charte informatique", "Ölpreis Analyse", "roadmap produit", "FAQ RH",
            "architecture décisionnelle", "minutes — comité de pilotage", "données clients anonymisées");
    static final List<String> TAG_NAMES = List.of("Policies", "Procédures", "Archives", "2026", "Contrats", "RH",
            "Finance", "Sécurité", "Projets", "Réunions", "Référentiels", "Bibliothèque", "Support");
    static final List<String> AGENT_NAMES = List.of("Assistant RH", "Analyste SQL", "Veille juridique",
            "Support N1", "Rédacteur", "Expert sécurité", "Résumeur", "Traducteur", "Coach agile", "Revue de contrats");
    static final List<String> RESOURCE_NAMES = List.of("Formal French", "Résumé exécutif", "Compte rendu de réunion",
            "Code review checklist", "Ton courtois", "Réponse client", "Fiche incident", "Plan de test");

    private Names() {
    }

    /** Keycloak stores usernames lowercased; kea's are ASCII {@code first.last}. */
    static String username(String first, String last) {
        String ascii = Normalizer.normalize(first + "." + last, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace("Ł", "L").replace("ł", "l").replace("ø", "o").replace("'", "");
        return ascii.toLowerCase(Locale.ROOT);
    }
}

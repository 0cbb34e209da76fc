package dev.ferry.exporter.cli;

import dev.ferry.archive.keys.SigningKey;
import dev.ferry.common.ConfigException;
import dev.ferry.exporter.objects.ChangeRule;
import dev.ferry.exporter.state.ExporterState;
import dev.ferry.common.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The options plan and run share for a delta pass: the base, the change rule's margin, compare-content. */
public final class DeltaOptions {
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Option(names = "--since", paramLabel = "BASE",
            description = "The previous pass's bundle directory (made with the same --signing-key): carry only the objects"
                + " added or changed since it, and the deletions, in a delta bundle (format version 2) that names BASE."
                + " PostgreSQL, Keycloak and OpenFGA travel whole.")
    Path since;

    @Option(names = "--compare-content",
            description = "With --since: also read and hash every object whose size, ETag and time are unchanged, and carry"
                + " it if its SHA-256 differs from BASE's (for stores whose ETags cannot be trusted: multipart uploads,"
                + " another vendor). Reads every object: slower.")
    boolean compareContent;

    @Option(names = "--safety-margin", paramLabel = "DURATION",
            description = "With --since: an object modified up to this long before BASE's listing started still counts as"
                + " changed (clock skew, writes in flight), e.g. 5m, 90s, 0s (default: 5m).")
    String safetyMargin;

    boolean delta() {
        return since != null;
    }

    /** Refuses the delta options without --since, and --since without the objects store. */
    void validate(Set<StoreKind> stores) {
        if (since == null && (compareContent || safetyMargin != null)) {
            throw new ConfigException((compareContent ? "--compare-content" : "--safety-margin") + " was given without --since",
                    "add --since BASE (the previous pass's bundle directory), or leave the option out for a full pass");
        }
        if (since != null && !stores.contains(StoreKind.OBJECTS)) {
            throw new ConfigException("--since was given but --stores leaves out objects, the only store a delta carries in part",
                    "add objects to --stores, or leave out --since: PostgreSQL, Keycloak and OpenFGA always travel whole");
        }
    }

    /** Reads BASE's state with the signing key; the key must be the one that made BASE. */
    ExporterState base(SigningKey signer) {
        return ExporterState.read(since, signer);
    }

    ChangeRule rule(ExporterState base) {
        return new ChangeRule(base.listedAt(), margin(), compareContent);
    }

    Duration margin() {
        if (safetyMargin == null) {
            return ChangeRule.DEFAULT_MARGIN;
        }
        String text = safetyMargin.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(text);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            Duration d = Duration.parse(safetyMargin.trim().toUpperCase(Locale.ROOT));
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new ConfigException("--safety-margin '" + safetyMargin + "' is not a duration",
                "give a number with a unit, e.g. 5m, 90s or 0s (or ISO-8601, e.g. PT5M)");
    }
}

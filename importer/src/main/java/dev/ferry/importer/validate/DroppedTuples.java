package dev.ferry.importer.validate;

import java.util.List;

/**
 * What the load left out of the OpenFGA store on purpose (runbook §1.2): the bundle's username-form tuples that the
 * subject filter dropped, computed from the bundle with the same filter and the same {@code openfga.usernameTuples}
 * setting as the load. A dropped tuple whose grant the Target holds by user id too is harmless; one without that twin
 * is a POSSIBLE LOSS that a person must look at. Tuple keys hold ids and usernames, never secrets; every renderer
 * prints them escaped.
 *
 * @param mode         the openfga.usernameTuples setting the filter ran with ("drop" or "map")
 * @param possibleLoss dropped tuples with no UUID twin, as "object#relation@user"
 * @param withTwin     dropped tuples whose grant the Target holds by user id
 */
public record DroppedTuples(String mode, List<String> possibleLoss, List<String> withTwin) {
    public static final DroppedTuples NONE = new DroppedTuples("", List.of(), List.of());

    public DroppedTuples {
        possibleLoss = List.copyOf(possibleLoss);
        withTwin = List.copyOf(withTwin);
    }

    public int total() {
        return possibleLoss.size() + withTwin.size();
    }
}

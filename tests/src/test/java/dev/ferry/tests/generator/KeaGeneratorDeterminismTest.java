package dev.ferry.tests.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** The same profile and seed give the same dataset, objects' bytes included; another seed gives another. */
class KeaGeneratorDeterminismTest {

    @Test
    void sameSeedGivesAnEqualDatasetAndEqualObjectBytes() {
        KeaDataset first = KeaGenerator.generate(Profile.runbook(), 7L);
        KeaDataset second = KeaGenerator.generate(Profile.runbook(), 7L);
        assertEquals(first, second);
        assertEquals(hashes(first), hashes(second));
    }

    @Test
    void anotherSeedSharesNoIds() {
        KeaDataset a = KeaGenerator.generate(Profile.small(), 1L);
        KeaDataset b = KeaGenerator.generate(Profile.small(), 2L);
        assertNotEquals(a, b);
        assertNotEquals(hashes(a), hashes(b));
        Set<String> ids = a.users().stream().map(KeaUser::id).collect(Collectors.toSet());
        ids.addAll(a.teams().stream().map(KeaTeam::id).toList());
        assertTrue(Collections.disjoint(ids, b.users().stream().map(KeaUser::id).toList()));
        assertTrue(Collections.disjoint(ids, b.teams().stream().map(KeaTeam::id).toList()));
    }

    @Test
    void objectStreamsHaveTheirDeclaredLengthAndAreMostlyIncompressible() throws IOException {
        KeaDataset small = KeaGenerator.generate(Profile.small(), 3L);
        ObjectSpec large = small.objects().stream().filter(o -> o.size() > small.profile().volumeSize()).findFirst()
                .orElseThrow();
        byte[] buffer = new byte[100_000];
        long total = 0;
        Deflater deflater = new Deflater();
        byte[] sink = new byte[200_000];
        long compressed = 0;
        try (InputStream in = ObjectContent.open(large)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                total += n;
                deflater.setInput(buffer, 0, n);
                while (!deflater.needsInput()) {
                    compressed += deflater.deflate(sink);
                }
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed += deflater.deflate(sink);
        }
        assertEquals(large.size(), total);
        assertTrue(compressed > total * 9 / 10, "compressed " + compressed + " of " + total);
    }

    private static List<String> hashes(KeaDataset dataset) {
        return dataset.objects().stream().map(ObjectContent::sha256).toList();
    }
}

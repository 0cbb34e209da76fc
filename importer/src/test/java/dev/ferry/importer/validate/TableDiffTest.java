package dev.ferry.importer.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableDiffTest {
    private static final TableDiff TAG = new TableDiff("tag", List.of("tag_id", "name", "doc"), List.of("tag_id"));

    private static List<String> diff(String bundle, String target) {
        Differences d = new Differences();
        TAG.compare(new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream(target.getBytes(StandardCharsets.UTF_8)), d);
        return d.listed();
    }

    @Test
    void identicalTablesHaveNoDifference() {
        assertEquals(List.of(), diff("a\tx\t{}\nb\ty\t\\N\n", "a\tx\t{}\nb\ty\t\\N\n"));
    }

    @Test
    void aChangedValueNamesTheRowAndTheColumnButNotTheValue() {
        assertEquals(List.of("row tag(tag_id='b') differs in column(s): doc"),
                diff("a\tx\t{}\nb\ty\t{\"secret\":1}\nc\tz\t{}\n", "a\tx\t{}\nb\ty\t{\"secret\":2}\nc\tz\t{}\n"));
    }

    @Test
    void aDeletedRowIsNamedAndTheRestStaysAligned() {
        assertEquals(List.of("row tag(tag_id='b') is in the bundle but missing on the Target"),
                diff("a\tx\t{}\nb\ty\t{}\nc\tz\t{}\n", "a\tx\t{}\nc\tz\t{}\n"));
    }

    @Test
    void anExtraRowIsNamed() {
        assertEquals(List.of("row tag(tag_id='bb') is on the Target but not in the bundle"),
                diff("a\tx\t{}\nc\tz\t{}\n", "a\tx\t{}\nbb\tq\t{}\nc\tz\t{}\n"));
    }

    @Test
    void rowsAtTheEndAreNamed() {
        assertEquals(List.of("row tag(tag_id='c') is in the bundle but missing on the Target"), diff("a\tx\t{}\nc\tz\t{}\n", "a\tx\t{}\n"));
        assertEquals(List.of("row tag(tag_id='c') is on the Target but not in the bundle"), diff("a\tx\t{}\n", "a\tx\t{}\nc\tz\t{}\n"));
    }

    @Test
    void aChangedPrimaryKeyIsAMissingAndAnExtraRow() {
        assertEquals(List.of("row tag(tag_id='b') is in the bundle but missing on the Target",
                "row tag(tag_id='B') is on the Target but not in the bundle"),
                diff("a\tx\t{}\nb\ty\t{}\nc\tz\t{}\n", "a\tx\t{}\nB\ty\t{}\nc\tz\t{}\n"));
    }

    @Test
    void compositeKeysAreNamedInFull() {
        TableDiff t = new TableDiff("session_history", List.of("session_id", "user_id", "rank", "role"),
                List.of("session_id", "user_id", "rank"));
        Differences d = new Differences();
        t.compare(new ByteArrayInputStream("s\tu\t1\tuser\n".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream("s\tu\t1\tassistant\n".getBytes(StandardCharsets.UTF_8)), d);
        assertEquals(List.of("row session_history(session_id='s', user_id='u', rank='1') differs in column(s): role"), d.listed());
    }
}

package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.common.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README's exit code table and the help text (generated from ExitCode) say the same. */
class ExitCodesDocumentedTest {
    @Test
    void readmeListsExactlyTheExitCodesWithTheirMeanings() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Exit codes"), readme.indexOf("\n## ", readme.indexOf("## Exit codes") + 5));
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\| (.+) \\|$").matcher(section);
        while (row.find()) {
            documented.put(row.group(1), row.group(2).replace("`", ""));
        }
        Map<String, String> code = new LinkedHashMap<>();
        for (ExitCode c : ExitCode.values()) {
            code.put(Integer.toString(c.code()), c.meaning());
        }
        assertEquals(code, documented);
    }
}

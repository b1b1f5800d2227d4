package org.nodeim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README's configuration table and the keys the code reads are the same list, and a default
 * the code gives is the one the table says.
 */
class ConfigurationTableTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path DEFAULTS = Path.of("src/main/resources/META-INF/microprofile-config.properties");
    private static final Pattern KEY = Pattern.compile("nodeim\\.[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");
    /** A literal that is a key: anything but the name of a metric. */
    private static final Pattern KEY_LITERAL = Pattern.compile("(new Name\\()?\"(" + KEY.pattern() + ")\"");
    private static final Pattern DEFAULT = Pattern.compile(
            "@ConfigProperty\\(name = \"(" + KEY.pattern() + ")\", defaultValue = \"([^\"]*)\"\\)");
    private static final Pattern ROW = Pattern.compile("^\\| (`nodeim\\.[^|]*) \\| ([^|]*) \\|", Pattern.MULTILINE);

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> sources() throws IOException {
        try (var files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).map(ConfigurationTableTest::read).toList().stream();
        }
    }

    private static TreeSet<String> keysInCode() throws IOException {
        var keys = new TreeSet<String>();
        sources().forEach(source -> {
            Matcher literal = KEY_LITERAL.matcher(source);
            while (literal.find()) {
                if (literal.group(1) == null) {
                    keys.add(literal.group(2));
                }
            }
        });
        read(DEFAULTS).lines().filter(line -> !line.startsWith("#") && line.contains("="))
                .map(line -> line.substring(0, line.indexOf('=')).strip()).filter(KEY.asMatchPredicate()).forEach(keys::add);
        return keys;
    }

    /** The table's rows: each key of a row, with the row's default cell. */
    private static Map<String, String> table() {
        String readme = read(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Configuration"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        var rows = new HashMap<String, String>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            Matcher key = KEY.matcher(row.group(1));
            while (key.find()) {
                rows.put(key.group(), row.group(2));
            }
        }
        return rows;
    }

    @Test
    void everyKeyTheCodeReadsIsInTheTableAndNoOther() throws IOException {
        assertThat(new TreeSet<>(table().keySet())).isEqualTo(keysInCode());
    }

    @Test
    void theTableGivesTheDefaultsTheCodeHas() throws IOException {
        Map<String, String> table = table();
        sources().forEach(source -> {
            Matcher defaulted = DEFAULT.matcher(source);
            while (defaulted.find()) {
                assertThat(table.getOrDefault(defaulted.group(1), "")).as(defaulted.group(1))
                        .contains("`" + defaulted.group(defaulted.groupCount()) + "`");
            }
        });
    }
}

package org.nodeim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages form a one-way stack: each may use only the packages below it (ARCHITECTURE.md
 * draws it). Read from the compiled classes, so that a fully qualified name counts as much as an
 * import.
 */
class PackageStackTest {

    /** Bottom first. */
    static final List<String> STACK = List.of(
            "metrics", "json", "database", "refusal",
            "cluster",
            "session",
            "command",
            "account",
            "presence",
            "room",
            "chat",
            "contact",
            "upload",
            "admin",
            "protocol",
            "operations",
            "conformance");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.nodeim");
    }

    @Test
    void everyPackageIsInTheStack() {
        var packages = classes.stream().map(javaClass -> javaClass.getPackageName())
                .filter(name -> name.startsWith("org.nodeim."))
                .map(name -> name.substring("org.nodeim.".length()).split("\\.")[0])
                .distinct().toList();
        assertThat(STACK).containsAll(packages);
    }

    @Test
    void noPackageUsesOneAboveIt() {
        for (int i = 0; i < STACK.size() - 1; i++) {
            String[] above = STACK.subList(i + 1, STACK.size()).stream()
                    .map(name -> "org.nodeim." + name + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("org.nodeim." + STACK.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(above)
                    .because(STACK.get(i) + " sits below " + Arrays.toString(above))
                    .check(classes);
        }
    }

    @Test
    void noPackagesDependOnEachOtherInACycle() {
        slices().matching("org.nodeim.(*)..").should().beFreeOfCycles().check(classes);
    }
}

package org.nodeim;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ejb.Singleton;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Enterprise beans are injected with {@code @EJB}, never with {@code @Inject}. On Payara, a call
 * through the CDI proxy of a no-interface bean looks the bean's reference up again every time,
 * through a caught {@code IllegalArgumentException} and a reflective field read; the
 * {@code @EJB} reference goes to the container directly. A token signin makes about ten such
 * calls: with {@code @Inject} it took a third more CPU (BENCHMARKS.md).
 */
class EnterpriseBeanInjectionTest {

    @Test
    void noEnterpriseBeanIsInjectedThroughCdi() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.nodeim");
        var injectedBeans = classes.stream()
                .flatMap(javaClass -> javaClass.getFields().stream())
                .filter(field -> field.isAnnotatedWith(Inject.class))
                .filter(field -> field.getRawType().isAnnotatedWith(Stateless.class)
                        || field.getRawType().isAnnotatedWith(Singleton.class))
                .map(JavaField::getFullName)
                .toList();
        assertThat(injectedBeans).isEmpty();
    }
}

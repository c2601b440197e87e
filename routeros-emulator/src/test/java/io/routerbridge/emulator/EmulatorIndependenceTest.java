package io.routerbridge.emulator;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The emulator stands alone: it never uses the service (whose classes live in io.routerbridge outside emulator). */
class EmulatorIndependenceTest {

    @Test
    void theEmulatorNeverUsesTheService() {
        noClasses().that().resideInAPackage("io.routerbridge.emulator..")
                .should().dependOnClassesThat(resideInAPackage("io.routerbridge..")
                        .and(resideOutsideOfPackage("io.routerbridge.emulator..")))
                .because("the emulator plays a RouterOS router; it must not share code with the client it tests")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.routerbridge.emulator"));
    }
}

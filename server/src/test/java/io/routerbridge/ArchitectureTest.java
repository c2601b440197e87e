package io.routerbridge;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.routerbridge.platform.Infrastructure;
import io.routerbridge.platform.Module;
import io.routerbridge.routeros.Sentence;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The walls of docs/architecture.md, over the service's main classes (not its tests). */
class ArchitectureTest {

    private static final String GENERATED_TABLES = "io.routerbridge.persistence..";

    /** A repository (its own name, or the class it is nested in, ends in Repository) or the db infrastructure. */
    private static final DescribedPredicate<JavaClass> PERSISTENCE = DescribedPredicate.describe(
            "persistence (*Repository, io.routerbridge.db, generated tables)",
            c -> outermostSimpleName(c).endsWith("Repository")
                    || c.getPackageName().startsWith("io.routerbridge.db")
                    || c.getPackageName().startsWith("io.routerbridge.persistence"));

    /** Module classes, the platform's Infrastructure and the application wire repositories: they hand on the DSLContext. */
    private static final DescribedPredicate<JavaClass> WIRING = DescribedPredicate.describe(
            "wiring (modules, Infrastructure, io.routerbridge.app)",
            c -> assignableTo(Module.class).test(c) || c.isEquivalentTo(Infrastructure.class)
                    || c.getPackageName().startsWith("io.routerbridge.app"));

    /** The HTTP edge: packages named http or web, and classes named *Routes or *Endpoints. */
    private static final DescribedPredicate<JavaClass> HTTP_EDGE = DescribedPredicate.describe(
            "HTTP edge (..http.., ..web.., *Routes, *Endpoints)",
            c -> inPackageNamed(c, "http") || inPackageNamed(c, "web")
                    || outermostSimpleName(c).endsWith("Routes") || outermostSimpleName(c).endsWith("Endpoints"));

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("routeros-emulator"))
                .importPackages("io.routerbridge");
    }

    @Test
    void generatedTablesOnlyInPersistence() {
        noClasses().that(not(PERSISTENCE))
                .should().dependOnClassesThat().resideInAPackage(GENERATED_TABLES)
                .because("only repositories know our tables")
                .check(main);
    }

    @Test
    void jooqOnlyInPersistenceAndTheDslContextHandedOnByWiring() {
        noClasses().that(not(PERSISTENCE).and(not(WIRING)))
                .should().dependOnClassesThat().resideInAPackage("org.jooq..")
                .because("domain and edges are free of jOOQ")
                .check(main);
        noClasses().that(WIRING)
                .should().dependOnClassesThat(resideInAPackage("org.jooq..").and(not(equivalentTo(DSLContext.class))))
                .because("wiring only hands the DSLContext on to repositories")
                .check(main);
    }

    @Test
    void javalinOnlyAtTheHttpEdge() {
        noClasses().that(not(HTTP_EDGE))
                .should().dependOnClassesThat().resideInAPackage("io.javalin..")
                .because("domain, persistence and wiring are free of the web framework")
                .check(main);
    }

    @Test
    void noClassIsBothHttpEdgeAndPersistence() {
        classes().that(HTTP_EDGE).should(notBe(PERSISTENCE)).check(main);
        noClasses().that(HTTP_EDGE)
                .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", GENERATED_TABLES)
                .check(main);
    }

    @Test
    void ipamNeverReachesRoutersOrTheLifecycle() {
        noClasses().that().resideInAPackage("io.routerbridge.ipam..")
                .should().dependOnClassesThat().resideInAnyPackage("io.routerbridge.routeros..",
                        "io.routerbridge.provisioning..", "io.routerbridge.lifecycle..", "io.routerbridge.fleet..",
                        "io.routerbridge.announcements..")
                .because("IPAM is below the router side: integrations above it implement its IpamIntegration")
                .check(main);
    }

    @Test
    void provisioningDependsOnNothingButRouterOsValueTypes() {
        classes().that().resideInAPackage("io.routerbridge.provisioning..")
                .should().onlyDependOnClassesThat(resideInAnyPackage("io.routerbridge.provisioning..", "java..",
                                // a pure value library for addresses and prefixes
                                "inet.ipaddr..")
                        .or(equivalentTo(Sentence.class)))
                .because("the planner is pure: routers are reached through its RouterPort")
                .check(main);
    }

    @Test
    void capabilityPackagesHaveNoCycles() {
        slices().matching("io.routerbridge.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void theServiceNeverUsesTheEmulator() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.routerbridge.emulator..")
                .because("the emulator is a test tool")
                .check(main);
    }

    private static ArchCondition<JavaClass> notBe(DescribedPredicate<JavaClass> kind) {
        return new ArchCondition<>("not be " + kind.getDescription()) {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                if (kind.test(item)) {
                    events.add(SimpleConditionEvent.violated(item, item.getName() + " is " + kind.getDescription()));
                }
            }
        };
    }

    private static boolean inPackageNamed(JavaClass c, String name) {
        return ("." + c.getPackageName() + ".").contains("." + name + ".");
    }

    private static String outermostName(JavaClass c) {
        String name = c.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    private static String outermostSimpleName(JavaClass c) {
        String name = outermostName(c);
        return name.substring(name.lastIndexOf('.') + 1);
    }
}

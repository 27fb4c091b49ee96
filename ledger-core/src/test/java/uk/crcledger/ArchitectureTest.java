package uk.crcledger;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The core's boundaries, checked rather than reviewed: its packages form no cycle and depend downwards only
 * (register, entry, then the kinds and corrections, then the catalogue of kinds), and it leaves storage and
 * serialization to the modules around it.
 *
 * <p>Only rules that can fail belong here. jackson-databind, Spring and MongoDB are not on the core's main classpath,
 * so code using them would not compile and rules banning them could never fail; the former rule "core uses Jackson
 * annotations only" was such a rule and is gone. XStream and Axon's serializers are on it (axon-messaging brings
 * them), so the rule against them can fail.
 */
@AnalyzeClasses(packages = "uk.crcledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule core_depends_on_no_framework_or_store = noClasses()
            .that().resideInAPackage("uk.crcledger..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "com.mongodb..", "org.bson..", "jakarta.servlet..", "de.bwaldvogel..");

    @ArchTest
    static final ArchRule core_packages_are_free_of_cycles = slices()
            .matching("uk.crcledger.(*)..")
            .should().beFreeOfCycles();

    /** Every package names CRCs and providers, so their ids may depend on nothing else of ours. */
    @ArchTest
    static final ArchRule register_is_the_lowest_package = classes()
            .that().resideInAPackage("uk.crcledger.register..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "uk.crcledger.register..", "java..", "com.fasterxml.jackson.annotation..");

    /** What every entry shares knows no kind of entry ("today" is Axon's clock, so fixtures can set it). */
    @ArchTest
    static final ArchRule entry_depends_only_on_register = classes()
            .that().resideInAPackage("uk.crcledger.entry..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "uk.crcledger.entry..", "uk.crcledger.register..", "java..", "com.fasterxml.jackson.annotation..",
                    "org.axonframework.eventhandling..");

    /** Corrections work on any kind through {@code Revisable} and the catalogue, never by naming a kind. */
    @ArchTest
    static final ArchRule corrections_name_no_kind_of_entry = noClasses()
            .that().resideInAPackage("uk.crcledger.correction..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "uk.crcledger.contract..", "uk.crcledger.jobcut..", "uk.crcledger.inspection..",
                    "uk.crcledger.kinds..", "uk.crcledger.crc..", "uk.crcledger.provider..",
                    "uk.crcledger.withholding..");

    /** Only the catalogue names every kind; nothing of the core depends on it. */
    @ArchTest
    static final ArchRule nothing_in_the_core_depends_on_the_catalogue = noClasses()
            .that().resideInAPackage("uk.crcledger..").and().resideOutsideOfPackage("uk.crcledger.kinds..")
            .should().dependOnClassesThat().resideInAPackage("uk.crcledger.kinds..");

    /** Stored JSON is decided by the event store's serializer; the core only annotates its messages. */
    @ArchTest
    static final ArchRule core_leaves_serialization_to_the_store = noClasses()
            .that().resideInAPackage("uk.crcledger..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.thoughtworks.xstream..", "org.axonframework.serialization..");
}

package uk.crcledger;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The core knows Axon and Jackson annotations only: no web, no database, no Spring. */
@AnalyzeClasses(packages = "uk.crcledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule core_depends_on_no_framework_or_store = noClasses()
            .that().resideInAPackage("uk.crcledger..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "com.mongodb..", "org.bson..", "jakarta.servlet..", "de.bwaldvogel..");

    @ArchTest
    static final ArchRule core_uses_jackson_annotations_only = noClasses()
            .that().resideInAPackage("uk.crcledger..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.fasterxml.jackson.databind..", "com.fasterxml.jackson.core..");
}

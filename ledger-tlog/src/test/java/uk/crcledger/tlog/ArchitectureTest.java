package uk.crcledger.tlog;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The log's formats stand alone so that anyone can check the ledger with them: no framework, no
 * store, no crypto library beyond the JDK; the verifier uses the formats, never the other way round;
 * and the formats do not depend on each other's internals in a cycle.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("uk.crcledger.tlog");
    }

    @Test
    void theLogDependsOnNoFrameworkStoreOrCryptoLibrary() {
        noClasses().that().resideInAPackage("uk.crcledger.tlog..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                        "com.mongodb..", "org.bson..", "org.bouncycastle..", "uk.crcledger.eventstore..",
                        "uk.crcledger.api..")
                .check(classes);
    }

    @Test
    void theFormatsDoNotDependOnTheVerifier() {
        noClasses().that().resideInAnyPackage("uk.crcledger.tlog.merkle..", "uk.crcledger.tlog.note..",
                        "uk.crcledger.tlog.leaf..", "uk.crcledger.tlog.proof..")
                .should().dependOnClassesThat().resideInAPackage("uk.crcledger.tlog.verify..")
                .check(classes);
    }

    @Test
    void theMerkleTreeKnowsNothingOfNotesOrLeaves() {
        noClasses().that().resideInAPackage("uk.crcledger.tlog.merkle..")
                .should().dependOnClassesThat().resideInAnyPackage("uk.crcledger.tlog.note..", "uk.crcledger.tlog.leaf..",
                        "uk.crcledger.tlog.proof..")
                .check(classes);
    }

    @Test
    void thePackagesFormNoCycle() {
        slices().matching("uk.crcledger.tlog.(*)..").should().beFreeOfCycles().check(classes);
    }
}

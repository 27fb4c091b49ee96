package uk.crcledger.api;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.stereotype.Controller;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries between the modules, checked over all of them. ledger-api's test classpath holds every module's
 * classes (the core, the event store, the read side, the log's formats and the app), so here, unlike in a single
 * module whose classpath lacks the library or module a rule bans, a crossing compiles and the rule can fail.
 *
 * <p>The storage packages, the only ones that may name MongoDB or BSON types, are {@value #EVENT_STORE} (the event
 * store, its embedded server, the transparency log's tiles and state), {@value #READ_MODEL_STORAGE} (the read
 * models' collections under the read side) and {@value #APP_STORAGE} (the app's Mongo wiring and its own
 * collections: the entry directory, API tokens, idempotency keys, and the MongoDB health check).
 *
 * <p>The core is everything of ours outside the modules around it, so a new package of the core (a new kind of
 * entry) is covered without a line here. Maven's module graph already forbids part of the last two module rules
 * (the read side on the app, the core on the read side or the app would be cycles of modules); what the rules add
 * is the core on the event store, which takes one dependency line in ledger-core's pom, and a class put into
 * another module's package. Each rule was seen to fail once, on purpose, before it was committed.
 */
@AnalyzeClasses(packages = "uk.crcledger",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    static final String EVENT_STORE = "uk.crcledger.eventstore..";
    static final String READ_MODEL_STORAGE = "uk.crcledger.projection..";
    static final String APP_STORAGE = "uk.crcledger.api.store..";
    static final String READ_SIDE_QUERIES = "uk.crcledger.timeline..";
    /** The search index: a read model too, kept in Lucene files instead of MongoDB. */
    static final String SEARCH = "uk.crcledger.search..";
    static final String LOG_FORMATS = "uk.crcledger.tlog..";
    static final String APP = "uk.crcledger.api..";
    static final String[] MONGO = {"com.mongodb..", "org.bson..", "de.bwaldvogel.."};

    @ArchTest
    static final ArchRule no_mongo_above_the_storage_packages = noClasses()
            .that().resideInAPackage("uk.crcledger..")
            .and().resideOutsideOfPackages(EVENT_STORE, READ_MODEL_STORAGE, APP_STORAGE)
            .should().dependOnClassesThat().resideInAnyPackage(MONGO)
            .because("stored documents are the storage packages' business: above them the ledger speaks in its own "
                    + "types, so the document shapes, and the store, can change in one place");

    @ArchTest
    static final ArchRule controllers_reach_the_read_side_only_through_its_queries = noClasses()
            .that().areMetaAnnotatedWith(Controller.class)
            .should().dependOnClassesThat().resideInAnyPackage(MONGO)
            .orShould().dependOnClassesThat().resideInAPackage(READ_MODEL_STORAGE)
            .orShould().dependOnClassesThat(inTheEventStoreOutsideTheLogsReadApi())
            .because("a controller answers from the read side's query API (LedgerQueries, LedgerReadModel and their "
                    + "answer records in uk.crcledger.timeline, and api.readmodel), never from its storage; the "
                    + "transparency log's controllers serve the log itself, whose read API is LogReader, LogState and "
                    + "LogAudit in uk.crcledger.eventstore.tlog and the StoredEvent the reader answers with");

    @ArchTest
    static final ArchRule the_read_side_knows_nothing_of_the_app = noClasses()
            .that().resideInAnyPackage(READ_SIDE_QUERIES, SEARCH)
            .should().dependOnClassesThat().resideInAPackage(APP)
            .because("the read side is queried by the app, as it would be by any other front end, and must not "
                    + "bend to its web types");

    @ArchTest
    static final ArchRule the_core_depends_on_no_module_around_it = noClasses()
            .that().resideInAPackage("uk.crcledger..")
            .and().resideOutsideOfPackages(EVENT_STORE, READ_MODEL_STORAGE, READ_SIDE_QUERIES, SEARCH, LOG_FORMATS, APP)
            .should().dependOnClassesThat().resideInAnyPackage(EVENT_STORE, READ_MODEL_STORAGE, READ_SIDE_QUERIES,
                    SEARCH, APP)
            .because("the core decides what may be recorded; storage, the read side and the app depend on it, never "
                    + "the other way round, so its rules can be read and tested without them");

    @ArchTest
    static final ArchRule the_apps_packages_are_free_of_cycles = slices()
            .matching("uk.crcledger.api.(*)..")
            .should().beFreeOfCycles()
            .because("each of the app's packages can then be read, tested and changed from the ones below it");

    /** The log's read API is its package, and the record its reader answers with (which the engine stores too). */
    private static DescribedPredicate<JavaClass> inTheEventStoreOutsideTheLogsReadApi() {
        return DescribedPredicate.describe("reside in the event store outside the log's read API",
                c -> c.getPackageName().startsWith("uk.crcledger.eventstore")
                        && !c.getPackageName().startsWith("uk.crcledger.eventstore.tlog")
                        && !c.getName().equals("uk.crcledger.eventstore.StoredEvent"));
    }

    /**
     * Other modules' test jars (the benchmarks' fixtures) are on this classpath too, as jars once packaged; they are
     * tests, not the ledger ({@code DoNotIncludeTests} only knows test-classes directories).
     */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }
}

package uk.crcledger.imports;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.crcledger.entry.AlreadyRecordedException;
import uk.crcledger.entry.InvalidEntryException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.crcledger.TestLedger.ALICE;
import static uk.crcledger.TestLedger.BY_ALICE;

/** Specification of an import's account: started once by someone with its file's hash and rows, finished once. */
class BulkImportTest {

    private static final ImportId IMPORT = ImportId.of("import-2026-12-01-5f2c9a1b");
    private static final String FILE_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final int ROWS = 10;
    private static final ImportStarted STARTED = new ImportStarted(IMPORT, FILE_SHA256, ROWS, ALICE);

    private FixtureConfiguration<BulkImport> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BulkImport.class);
    }

    @Test
    void starts_an_import_naming_who_started_it_and_the_file() {
        fixture.givenNoPriorActivity()
                .when(new StartImport(IMPORT, FILE_SHA256, ROWS), BY_ALICE)
                .expectEvents(STARTED);
    }

    @Test
    void refuses_an_import_without_rows() {
        fixture.givenNoPriorActivity()
                .when(new StartImport(IMPORT, FILE_SHA256, 0), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("an import needs at least one row, had 0");
    }

    @Test
    void refuses_a_file_hash_that_is_not_sha256() {
        fixture.givenNoPriorActivity()
                .when(new StartImport(IMPORT, "abc", ROWS), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("fileSha256 must be 64 lower-case hex digits, was 'abc'");
    }

    @Test
    void refuses_an_import_nobody_started() {
        fixture.givenNoPriorActivity()
                .when(new StartImport(IMPORT, FILE_SHA256, ROWS))
                .expectException(InvalidEntryException.class);
    }

    @Test
    void finishes_with_every_row_accounted_for() {
        fixture.given(STARTED)
                .when(new FinishImport(IMPORT, 6, 3, 1), BY_ALICE)
                .expectEvents(new ImportFinished(IMPORT, 6, 3, 1, ALICE));
    }

    @Test
    void refuses_counts_that_do_not_add_up_to_the_rows() {
        fixture.given(STARTED)
                .when(new FinishImport(IMPORT, 6, 3, 0), BY_ALICE)
                .expectException(InvalidEntryException.class)
                .expectExceptionMessage("import import-2026-12-01-5f2c9a1b has 10 rows but its counts (recorded 6, "
                        + "already recorded 3, failed 0) add up to 9");
    }

    @Test
    void refuses_negative_counts() {
        fixture.given(STARTED)
                .when(new FinishImport(IMPORT, 12, -1, -1), BY_ALICE)
                .expectException(InvalidEntryException.class);
    }

    @Test
    void finishes_once() {
        fixture.given(STARTED, new ImportFinished(IMPORT, 10, 0, 0, ALICE))
                .when(new FinishImport(IMPORT, 0, 10, 0), BY_ALICE)
                .expectException(AlreadyRecordedException.class)
                .expectExceptionMessage("import import-2026-12-01-5f2c9a1b is finished already");
    }

    @Test
    void an_import_id_is_a_slug() {
        assertThatThrownBy(() -> ImportId.of("../etc")).isInstanceOf(IllegalArgumentException.class);
    }
}

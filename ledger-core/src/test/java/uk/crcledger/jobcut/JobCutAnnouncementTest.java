package uk.crcledger.jobcut;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import uk.crcledger.contract.StubContractRegister;
import uk.crcledger.correction.CorrectEntry;
import uk.crcledger.correction.EntryCorrected;
import uk.crcledger.correction.EntryRetracted;
import uk.crcledger.correction.EntryRevisions;
import uk.crcledger.correction.RetractEntry;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryOwner;
import uk.crcledger.entry.EntryRetractedException;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.HoldingConflictException;
import uk.crcledger.entry.InMemoryEntryDirectory;
import uk.crcledger.entry.InvalidEntryException;
import uk.crcledger.entry.Percentage;
import uk.crcledger.entry.Posts;
import uk.crcledger.entry.Source;
import uk.crcledger.entry.UnknownReferenceException;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static uk.crcledger.TestLedger.*;

/** Specification of a job-cut announcement: a provider cutting posts in CRCs it holds, with a size and a source. */
class JobCutAnnouncementTest {

    private static final EntryId SODEXO_CUTS = EntryId.of("job-cuts-sodexo-2015-03-27");
    private static final LocalDate ANNOUNCED_ON = LocalDate.of(2015, 3, 27);
    private static final LocalDate PURPLE_CUTS_DAY = LocalDate.of(2016, 1, 20);
    private static final String DESCRIPTION = "Sodexo announces staff reductions in two of its CRCs";
    private static final List<AffectedCrc> TWO_CRCS = List.of(
            new AffectedCrc(CUMBRIA_LANCASHIRE, Posts.of("123"), Percentage.of("30")),
            new AffectedCrc(SOUTH_YORKSHIRE, Posts.of("184.6"), Percentage.of("36")));
    private static final List<Source> NAPO = List.of(NAPO_PRESS_RELEASE);
    private static final JobCutsAnnounced SODEXO_CUTS_ANNOUNCED = new JobCutsAnnounced(SODEXO_CUTS, SODEXO_NACRO,
            ANNOUNCED_ON, TWO_CRCS, null, null, DESCRIPTION, NAPO, ALICE);

    private FixtureConfiguration<JobCutAnnouncement> fixture;
    private InMemoryEntryDirectory directory;

    @BeforeEach
    void setUp() {
        directory = new InMemoryEntryDirectory();
        fixture = new AggregateTestFixture<>(JobCutAnnouncement.class);
        fixture.registerInjectableResource(new StubContractRegister()
                .holds(CUMBRIA_LANCASHIRE, SODEXO_NACRO, SHARE_SALE, null)
                .holds(SOUTH_YORKSHIRE, SODEXO_NACRO, SHARE_SALE, null)
                .holds(WEST_YORKSHIRE, PURPLE_FUTURES, SHARE_SALE, null)
                .crcs(WALES));
        fixture.registerInjectableResource(directory);
        fixture.registerAnnotatedCommandHandler(EntryRevisions.builder(directory)
                .revises(fixture.getRepository(), EntryType.JOB_CUT_ANNOUNCEMENT).build());
    }

    private static RecordJobCutAnnouncement announce(List<AffectedCrc> crcs, Posts total, Percentage percentage) {
        return new RecordJobCutAnnouncement(SODEXO_CUTS, SODEXO_NACRO, ANNOUNCED_ON, crcs, total, percentage,
                DESCRIPTION, NAPO);
    }

    @Nested
    class Recording {

        @Test
        void records_cuts_with_posts_and_percentages_per_crc() {
            fixture.givenCurrentTime(NOW)
                    .when(announce(TWO_CRCS, null, null), BY_ALICE)
                    .expectEvents(SODEXO_CUTS_ANNOUNCED);
        }

        @Test
        void records_cuts_given_as_a_percentage_only() {
            List<AffectedCrc> crcs = List.of(AffectedCrc.of(CUMBRIA_LANCASHIRE));
            fixture.givenCurrentTime(NOW)
                    .when(announce(crcs, null, Percentage.of("40")), BY_ALICE)
                    .expectEvents(new JobCutsAnnounced(SODEXO_CUTS, SODEXO_NACRO, ANNOUNCED_ON, crcs, null,
                            Percentage.of("40"), DESCRIPTION, NAPO, ALICE));
        }

        @Test
        void records_cuts_given_as_total_posts_only() {
            List<AffectedCrc> crcs = List.of(AffectedCrc.of(CUMBRIA_LANCASHIRE), AffectedCrc.of(SOUTH_YORKSHIRE));
            fixture.givenCurrentTime(NOW)
                    .when(announce(crcs, Posts.of("436"), null), BY_ALICE)
                    .expectEvents(new JobCutsAnnounced(SODEXO_CUTS, SODEXO_NACRO, ANNOUNCED_ON, crcs,
                            Posts.of("436"), null, DESCRIPTION, NAPO, ALICE));
        }

        @Test
        void refuses_cuts_by_an_unknown_provider() {
            fixture.givenCurrentTime(NOW)
                    .when(new RecordJobCutAnnouncement(SODEXO_CUTS, UNKNOWN_PROVIDER, ANNOUNCED_ON, TWO_CRCS, null,
                            null, DESCRIPTION, NAPO), BY_ALICE)
                    .expectException(UnknownReferenceException.class)
                    .expectExceptionMessage("unknown provider nobody-ltd: register it first");
        }

        @Test
        void refuses_cuts_in_an_unknown_crc() {
            fixture.givenCurrentTime(NOW)
                    .when(announce(List.of(AffectedCrc.of(UNKNOWN_CRC, Posts.of("10"))), null, null), BY_ALICE)
                    .expectException(UnknownReferenceException.class)
                    .expectExceptionMessage("unknown CRC atlantis: register it first");
        }

        @Test
        void refuses_cuts_in_a_crc_another_provider_holds() {
            fixture.givenCurrentTime(NOW)
                    .when(new RecordJobCutAnnouncement(SODEXO_CUTS, SODEXO_NACRO, PURPLE_CUTS_DAY,
                            List.of(AffectedCrc.of(WEST_YORKSHIRE)), Posts.of("100"), null, DESCRIPTION, NAPO),
                            BY_ALICE)
                    .expectException(HoldingConflictException.class)
                    .expectExceptionMessage("west-yorkshire is held by purple-futures on 2016-01-20, not sodexo-nacro");
        }

        @Test
        void refuses_cuts_in_a_crc_nobody_holds() {
            fixture.givenCurrentTime(NOW)
                    .when(announce(List.of(AffectedCrc.of(WALES, Posts.of("200"))), null, null), BY_ALICE)
                    .expectException(HoldingConflictException.class)
                    .expectExceptionMessage("wales is held by no provider on 2015-03-27, not sodexo-nacro");
        }

        @Test
        void refuses_cuts_without_posts_or_percentage() {
            fixture.givenCurrentTime(NOW)
                    .when(announce(List.of(AffectedCrc.of(CUMBRIA_LANCASHIRE)), null, null), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage(
                            "a job-cut announcement needs posts (totalPosts or posts of a CRC) or a percentage");
        }

        @Test
        void refuses_cuts_without_a_crc() {
            fixture.givenCurrentTime(NOW)
                    .when(announce(List.of(), Posts.of("10"), null), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("a job-cut announcement needs at least one CRC in crcs");
        }

        @Test
        void refuses_a_total_below_the_posts_of_the_crcs() {
            fixture.givenCurrentTime(NOW)
                    .when(announce(TWO_CRCS, Posts.of("300"), null), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("totalPosts 300 is less than the posts of the CRCs together, 307.6");
        }

        @Test
        void refuses_an_announcement_in_the_future() {
            fixture.givenCurrentTime(NOW)
                    .when(new RecordJobCutAnnouncement(SODEXO_CUTS, SODEXO_NACRO, TOMORROW, TWO_CRCS, null, null,
                            DESCRIPTION, NAPO), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("announcedOn 2026-01-16 is in the future (today is 2026-01-15)");
        }

        @Test
        void refuses_a_source_published_in_the_future() {
            Source later = new Source("Napo blog", null, "https://napo.org.uk/blog", null, TOMORROW);
            fixture.givenCurrentTime(NOW)
                    .when(new RecordJobCutAnnouncement(SODEXO_CUTS, SODEXO_NACRO, ANNOUNCED_ON, TWO_CRCS, null, null,
                            DESCRIPTION, List.of(later)), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("sources[0].publishedOn 2026-01-16 is in the future (today is 2026-01-15)");
        }

        @Test
        void refuses_an_announcement_without_a_source() {
            fixture.givenCurrentTime(NOW)
                    .when(new RecordJobCutAnnouncement(SODEXO_CUTS, SODEXO_NACRO, ANNOUNCED_ON, TWO_CRCS, null, null,
                            DESCRIPTION, null), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("an entry needs at least one source");
        }

        @Test
        void refuses_an_announcement_without_who_recorded_it() {
            fixture.givenCurrentTime(NOW)
                    .when(announce(TWO_CRCS, null, null), Map.of("recordedBy", " "))
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("an entry needs who recorded it (metadata 'recordedBy')");
        }
    }

    @Nested
    class Revisions {

        private static final LocalDate RETRACTED_ON = LocalDate.of(2026, 1, 10);

        @BeforeEach
        void registerEntry() {
            directory.register(SODEXO_CUTS, EntryOwner.ownAggregate(EntryType.JOB_CUT_ANNOUNCEMENT, SODEXO_CUTS));
        }

        private TestExecutor<JobCutAnnouncement> givenAnnounced(Object... more) {
            TestExecutor<JobCutAnnouncement> executor =
                    fixture.givenCurrentTime(NOW).andGiven(SODEXO_CUTS_ANNOUNCED);
            return executor.andGiven(more);
        }

        @Test
        void corrects_the_total_posts() {
            JobCutAnnouncementDetails corrected = new JobCutAnnouncementDetails(SODEXO_NACRO, ANNOUNCED_ON, TWO_CRCS,
                    Posts.of("436"), null, DESCRIPTION, NAPO);
            givenAnnounced()
                    .when(new CorrectEntry(SODEXO_CUTS, Map.of("totalPosts", 436), "total from the Morning Star"),
                            BY_ALICE)
                    .expectEvents(new EntryCorrected(SODEXO_CUTS, EntryType.JOB_CUT_ANNOUNCEMENT, corrected,
                            List.of("totalPosts"), "total from the Morning Star", ALICE, TODAY))
                    .expectState(a -> assertThat(a.details()).isEqualTo(corrected));
        }

        @Test
        void corrects_the_crcs_given_as_plain_values() {
            List<Object> crcs = List.of(Map.of("crcId", "south-yorkshire", "posts", 184.6));
            JobCutAnnouncementDetails corrected = new JobCutAnnouncementDetails(SODEXO_NACRO, ANNOUNCED_ON,
                    List.of(AffectedCrc.of(SOUTH_YORKSHIRE, Posts.of("184.6"))), null, null, DESCRIPTION, NAPO);
            givenAnnounced()
                    .when(new CorrectEntry(SODEXO_CUTS, Map.of("crcs", crcs), "Cumbria was a separate notice"),
                            BY_ALICE)
                    .expectEvents(new EntryCorrected(SODEXO_CUTS, EntryType.JOB_CUT_ANNOUNCEMENT, corrected,
                            List.of("crcs"), "Cumbria was a separate notice", ALICE, TODAY));
        }

        @Test
        void refuses_posts_below_one() {
            givenAnnounced()
                    .when(new CorrectEntry(SODEXO_CUTS, Map.of("totalPosts", 0.5), "typo"), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("field 'totalPosts': posts must be at least 1, was 0.5");
        }

        @Test
        void refuses_posts_below_one_for_a_crc() {
            givenAnnounced()
                    .when(new CorrectEntry(SODEXO_CUTS,
                            Map.of("crcs", List.of(Map.of("crcId", "south-yorkshire", "posts", 0))), "typo"), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("field 'crcs[0].posts': posts must be at least 1, was 0");
        }

        @Test
        void refuses_a_percentage_above_100() {
            givenAnnounced()
                    .when(new CorrectEntry(SODEXO_CUTS, Map.of("percentage", 150), "typo"), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage(
                            "field 'percentage': a percentage must be more than 0 and at most 100, was 150");
        }

        @Test
        void refuses_a_percentage_of_zero() {
            givenAnnounced()
                    .when(new CorrectEntry(SODEXO_CUTS, Map.of("percentage", "0"), "typo"), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage(
                            "field 'percentage': a percentage must be more than 0 and at most 100, was 0");
        }

        @Test
        void refuses_a_correction_that_names_a_provider_not_holding_the_crcs() {
            givenAnnounced()
                    .when(new CorrectEntry(SODEXO_CUTS, Map.of("providerId", "purple-futures"), "wrong owner"),
                            BY_ALICE)
                    .expectException(HoldingConflictException.class)
                    .expectExceptionMessage(
                            "cumbria-lancashire is held by sodexo-nacro on 2015-03-27, not purple-futures");
        }

        @Test
        void refuses_a_correction_clearing_every_figure() {
            givenAnnounced()
                    .when(new CorrectEntry(SODEXO_CUTS,
                            Map.of("crcs", List.of(Map.of("crcId", "south-yorkshire"))), "no figures"), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage(containsString("needs posts"));
        }

        @Test
        void refuses_an_unknown_field() {
            givenAnnounced()
                    .when(new CorrectEntry(SODEXO_CUTS, Map.of("jobs", 10), "typo"), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("a job-cut-announcement has no field 'jobs' (correctable fields:"
                            + " announcedOn, crcs, description, percentage, providerId, sources, totalPosts)");
        }

        @Test
        void refuses_a_value_of_the_wrong_type() {
            givenAnnounced()
                    .when(new CorrectEntry(SODEXO_CUTS, Map.of("totalPosts", List.of(1)), "typo"), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage(containsString("field 'totalPosts': expected a number, got [1]"));
        }

        @Test
        void refuses_an_empty_correction() {
            givenAnnounced()
                    .when(new CorrectEntry(SODEXO_CUTS, null, "nothing"), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("a correction needs at least one changed field");
        }

        @Test
        void refuses_a_correction_that_changes_nothing() {
            givenAnnounced()
                    .when(new CorrectEntry(SODEXO_CUTS, Map.of("description", DESCRIPTION), "same"), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("the changes leave entry job-cuts-sodexo-2015-03-27 as it was");
        }

        @Test
        void retracts_the_announcement() {
            givenAnnounced()
                    .when(new RetractEntry(SODEXO_CUTS, "duplicate of another entry"), BY_ALICE)
                    .expectEvents(new EntryRetracted(SODEXO_CUTS, EntryType.JOB_CUT_ANNOUNCEMENT,
                            "duplicate of another entry", ALICE, TODAY));
        }

        @Test
        void refuses_to_retract_twice() {
            givenAnnounced(new EntryRetracted(SODEXO_CUTS, EntryType.JOB_CUT_ANNOUNCEMENT, "dup", ALICE,
                    RETRACTED_ON))
                    .when(new RetractEntry(SODEXO_CUTS, "again"), BY_ALICE)
                    .expectException(EntryRetractedException.class)
                    .expectExceptionMessage(
                            "entry job-cuts-sodexo-2015-03-27 was retracted on 2026-01-10 and cannot be retracted");
        }

        @Test
        void refuses_to_correct_a_retracted_announcement() {
            givenAnnounced(new EntryRetracted(SODEXO_CUTS, EntryType.JOB_CUT_ANNOUNCEMENT, "dup", ALICE,
                    RETRACTED_ON))
                    .when(new CorrectEntry(SODEXO_CUTS, Map.of("totalPosts", 436), "fix"), BY_ALICE)
                    .expectException(EntryRetractedException.class)
                    .expectExceptionMessage(
                            "entry job-cuts-sodexo-2015-03-27 was retracted on 2026-01-10 and cannot be corrected");
        }

        @Test
        void refuses_a_retraction_without_a_reason() {
            givenAnnounced()
                    .when(new RetractEntry(SODEXO_CUTS, null), BY_ALICE)
                    .expectException(InvalidEntryException.class)
                    .expectExceptionMessage("a retraction needs a reason");
        }
    }
}

package uk.crcledger.kinds;

import org.junit.jupiter.api.Test;
import uk.crcledger.contract.ContractAwardDetails;
import uk.crcledger.contract.ContractAwarded;
import uk.crcledger.contract.ContractEndDetails;
import uk.crcledger.contract.ContractEndReason;
import uk.crcledger.contract.ContractEnded;
import uk.crcledger.contract.ContractTermChangeDetails;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryRecorded;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.Percentage;
import uk.crcledger.entry.Posts;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.entry.Source;
import uk.crcledger.incident.IncidentCategory;
import uk.crcledger.incident.IncidentFigure;
import uk.crcledger.incident.IncidentReportDetails;
import uk.crcledger.inspection.InspectionFindingDetails;
import uk.crcledger.inspection.InspectionRating;
import uk.crcledger.jobcut.AffectedCrc;
import uk.crcledger.jobcut.JobCutAnnouncementDetails;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.Names;
import uk.crcledger.register.ProviderId;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The facts and summaries every kind's details say of themselves, written against events in
 * /work/shared/reference/events.csv (moved here from the projections' EntryFactsUnitTest with the logic).
 */
class EntryDetailsFactsUnitTest {

    // Providers and CRCs, with their names from the reference data.
    private static final ProviderId SODEXO = ProviderId.of("sodexo-nacro");
    private static final ProviderId PURPLE_FUTURES = ProviderId.of("purple-futures");
    private static final ProviderId WORKING_LINKS = ProviderId.of("working-links");
    private static final ProviderId SEETEC = ProviderId.of("seetec");
    private static final ProviderId MTCNOVO = ProviderId.of("mtcnovo");
    private static final CrcId WEST_YORKSHIRE = CrcId.of("west-yorkshire");
    private static final CrcId CUMBRIA_LANCASHIRE = CrcId.of("cumbria-lancashire");
    private static final CrcId SOUTH_YORKSHIRE = CrcId.of("south-yorkshire");
    private static final CrcId NORTHUMBRIA = CrcId.of("northumbria");
    private static final CrcId BENCH = CrcId.of("bench");
    private static final CrcId NORFOLK_SUFFOLK = CrcId.of("norfolk-suffolk");
    private static final CrcId ESSEX = CrcId.of("essex");
    private static final CrcId BGSW = CrcId.of("bgsw");
    private static final CrcId DDC = CrcId.of("ddc");
    private static final CrcId WALES = CrcId.of("wales");
    private static final CrcId LONDON = CrcId.of("london");
    private static final CrcId HIOW = CrcId.of("hiow");
    private static final CrcId KSS = CrcId.of("kss");
    private static final List<CrcId> ALL_CRCS = Stream.of("northumbria", "cumbria-lancashire", "south-yorkshire",
            "bench", "norfolk-suffolk", "essex", "durham-tees-valley", "hlny", "west-yorkshire", "cgm", "merseyside",
            "hiow", "swm", "dlnr", "london", "thames-valley", "bgsw", "ddc", "wales", "kss", "wwm")
            .map(CrcId::of).toList();
    private static final Names NAMES = Names.of(
            Map.of("sodexo-nacro", "Sodexo Justice Services (with Nacro)",
                    "purple-futures", "Purple Futures",
                    "working-links", "Working Links",
                    "seetec", "Seetec Business Technology Centre",
                    "mtcnovo", "MTCnovo"),
            Map.of("west-yorkshire", "West Yorkshire",
                    "cumbria-lancashire", "Cumbria and Lancashire",
                    "south-yorkshire", "South Yorkshire",
                    "essex", "Essex",
                    "bgsw", "Bristol, Gloucestershire, Somerset and Wiltshire",
                    "ddc", "Dorset, Devon and Cornwall",
                    "wales", "Wales",
                    "london", "London",
                    "hiow", "Hampshire and Isle of Wight",
                    "kss", "Kent, Surrey and Sussex"));

    private static final String INSPECTORATE = InspectionFindingDetails.DEFAULT_INSPECTORATE;

    private static final LocalDate SIGNED_ON = LocalDate.of(2014, 12, 18);
    private static final LocalDate SHARE_SALE = LocalDate.of(2015, 2, 1);
    private static final LocalDate PLANNED_END = LocalDate.of(2022, 1, 31);
    private static final BigDecimal VALUE_GBP = new BigDecimal("600000000");
    private static final String AWARD_DESCRIPTION = "about GBP 600m over 7 years for the 5 CRCs";
    private static final LocalDate COLLAPSE = LocalDate.of(2019, 2, 15);
    private static final LocalDate REUNIFICATION = LocalDate.of(2021, 6, 26);
    private static final LocalDate TERM_ANNOUNCED = LocalDate.of(2018, 7, 27);
    private static final LocalDate NEW_PLANNED_END = LocalDate.of(2020, 12, 31);
    private static final String TERM_REASON = "All CRC contracts will end in December 2020, 14 months early";
    private static final LocalDate SODEXO_CUTS = LocalDate.of(2015, 3, 27);
    private static final Posts CUMBRIA_POSTS = Posts.of("123");
    private static final Percentage CUMBRIA_PERCENTAGE = Percentage.of("30");
    private static final Posts SOUTH_YORKSHIRE_POSTS = Posts.of("184.6");
    private static final Percentage SOUTH_YORKSHIRE_PERCENTAGE = Percentage.of("36");
    private static final String SODEXO_CUTS_DESCRIPTION = "Sodexo announces staff reductions in two of its CRCs";
    private static final Percentage FORTY_PERCENT = Percentage.of("40.0");
    private static final Posts SIX_HUNDRED_POSTS = Posts.of("600");
    private static final Posts FOUR_HUNDRED_THIRTY_SIX_POSTS = Posts.of("436");
    private static final String DDC_TITLE = "Dorset, Devon and Cornwall CRC rated Inadequate";
    private static final String DDC_FINDINGS = "Staff under-recorded risk and wrote sentence plans without meeting"
            + " the person";
    private static final String LONDON_TITLE = "London CRC: notable improvement from a very low base";
    private static final String TR4_TITLE = "Transforming Rehabilitation early implementation report 4";

    private static final Source PQ_221779 = Source.document("Parliamentary question 221779", "221779");
    private static final Source INSPECTORATE_PRESS_RELEASE = new Source("Dorset, Devon and Cornwall CRC inspection",
            INSPECTORATE, "https://www.justiceinspectorates.gov.uk/hmiprobation/", null, COLLAPSE);

    private static final ContractAwardDetails AWARD = new ContractAwardDetails(WEST_YORKSHIRE, PURPLE_FUTURES,
            SIGNED_ON, SHARE_SALE, PLANNED_END, VALUE_GBP, AWARD_DESCRIPTION, List.of(PQ_221779));
    private static final ContractAwardDetails AWARD_WITHOUT_VALUE = new ContractAwardDetails(ESSEX, SODEXO,
            SIGNED_ON, SHARE_SALE, PLANNED_END, null, null, List.of(PQ_221779));
    private static final ContractEndDetails TRANSFER = new ContractEndDetails(WALES, COLLAPSE,
            ContractEndReason.TRANSFERRED, SEETEC, List.of(PQ_221779));
    private static final ContractEndDetails EARLY_END = new ContractEndDetails(DDC, COLLAPSE,
            ContractEndReason.TERMINATED_EARLY, null, List.of(PQ_221779));
    private static final ContractEndDetails EXPIRY = new ContractEndDetails(LONDON, REUNIFICATION,
            ContractEndReason.EXPIRED, null, List.of(PQ_221779));
    private static final ContractTermChangeDetails ALL_CONTRACTS_SHORTENED = new ContractTermChangeDetails(ALL_CRCS,
            TERM_ANNOUNCED, NEW_PLANNED_END, TERM_REASON, List.of(PQ_221779));
    private static final ContractTermChangeDetails ESSEX_SHORTENED = new ContractTermChangeDetails(List.of(ESSEX),
            TERM_ANNOUNCED, NEW_PLANNED_END, TERM_REASON, List.of(PQ_221779));
    private static final JobCutAnnouncementDetails SODEXO_PER_CRC_CUTS = new JobCutAnnouncementDetails(SODEXO,
            SODEXO_CUTS, List.of(new AffectedCrc(CUMBRIA_LANCASHIRE, CUMBRIA_POSTS, CUMBRIA_PERCENTAGE),
            new AffectedCrc(SOUTH_YORKSHIRE, SOUTH_YORKSHIRE_POSTS, SOUTH_YORKSHIRE_PERCENTAGE)),
            null, null, SODEXO_CUTS_DESCRIPTION, List.of(PQ_221779));
    private static final JobCutAnnouncementDetails SOUTH_YORKSHIRE_CUTS = new JobCutAnnouncementDetails(SODEXO,
            SODEXO_CUTS, List.of(AffectedCrc.of(SOUTH_YORKSHIRE)), SOUTH_YORKSHIRE_POSTS, SOUTH_YORKSHIRE_PERCENTAGE,
            SODEXO_CUTS_DESCRIPTION, List.of(PQ_221779));
    private static final JobCutAnnouncementDetails WORKING_LINKS_PERCENTAGE_CUT = new JobCutAnnouncementDetails(
            WORKING_LINKS, LocalDate.of(2015, 12, 28), List.of(AffectedCrc.of(DDC), AffectedCrc.of(WALES)),
            null, FORTY_PERCENT, "Working Links plans a 40% cut in staffing", List.of(PQ_221779));
    private static final JobCutAnnouncementDetails WORKING_LINKS_POSTS_CUT = new JobCutAnnouncementDetails(
            WORKING_LINKS, LocalDate.of(2017, 4, 19), List.of(AffectedCrc.of(WALES)), SIX_HUNDRED_POSTS, null,
            "Napo reports Working Links job losses", List.of(PQ_221779));
    private static final JobCutAnnouncementDetails SODEXO_CUTS_ACROSS_SIX = new JobCutAnnouncementDetails(SODEXO,
            LocalDate.of(2015, 6, 30), Stream.of(NORTHUMBRIA, CUMBRIA_LANCASHIRE, SOUTH_YORKSHIRE, BENCH,
            NORFOLK_SUFFOLK, ESSEX).map(AffectedCrc::of).toList(), FOUR_HUNDRED_THIRTY_SIX_POSTS, null,
            "Sodexo plans cuts across all six of its CRCs", List.of(PQ_221779));
    private static final InspectionFindingDetails DDC_INADEQUATE = new InspectionFindingDetails(null, DDC_TITLE,
            COLLAPSE, List.of(DDC), false, InspectionRating.INADEQUATE, DDC_FINDINGS,
            List.of(INSPECTORATE_PRESS_RELEASE));
    private static final InspectionFindingDetails HIOW_GOOD = new InspectionFindingDetails(null,
            "Hampshire and Isle of Wight CRC is the first CRC rated Good", LocalDate.of(2019, 5, 8), List.of(HIOW),
            false, InspectionRating.GOOD, null, List.of(PQ_221779));
    private static final InspectionFindingDetails KSS_REQUIRES_IMPROVEMENT = new InspectionFindingDetails(null,
            "Kent, Surrey and Sussex CRC", LocalDate.of(2019, 6, 19), List.of(KSS), false,
            InspectionRating.REQUIRES_IMPROVEMENT, null, List.of(PQ_221779));
    private static final InspectionFindingDetails THREE_RATED_GOOD = new InspectionFindingDetails(null,
            "Three CRCs", LocalDate.of(2019, 5, 8), List.of(HIOW, KSS, LONDON), false, InspectionRating.GOOD, null,
            List.of(PQ_221779));
    private static final InspectionFindingDetails LONDON_UNRATED = new InspectionFindingDetails(null, LONDON_TITLE,
            LocalDate.of(2018, 2, 1), List.of(LONDON), false, null, null, List.of(PQ_221779));
    private static final InspectionFindingDetails TR4_THEMATIC = new InspectionFindingDetails(null, TR4_TITLE,
            LocalDate.of(2016, 1, 21), List.of(), true, InspectionRating.NONE, null, List.of(PQ_221779));

    private static final String SELF_HARM = "a dreadful self-harm case in Bristol";
    private static final IncidentReportDetails BRISTOL_SELF_HARM = new IncidentReportDetails(List.of(BGSW),
            LocalDate.of(2016, 1, 20), IncidentCategory.RISK_MANAGEMENT, SELF_HARM, null, null, List.of(PQ_221779));
    private static final IncidentReportDetails IT_FAILURE_IN_TWO = new IncidentReportDetails(List.of(DDC, WALES),
            LocalDate.of(2016, 1, 20), IncidentCategory.IT, "case system down", null, null, List.of(PQ_221779));
    private static final IncidentReportDetails STAFFING_ACROSS_THREE = new IncidentReportDetails(
            List.of(DDC, WALES, BGSW), LocalDate.of(2016, 1, 20), IncidentCategory.STAFFING, "caseloads over 100",
            null, List.of(new IncidentFigure("cases per officer", new BigDecimal("100"))), List.of(PQ_221779));
    private static final List<EntryDetails> EVERY_KIND = List.of(BRISTOL_SELF_HARM, IT_FAILURE_IN_TWO,
            STAFFING_ACROSS_THREE, AWARD, AWARD_WITHOUT_VALUE, TRANSFER, EARLY_END,
            EXPIRY, ALL_CONTRACTS_SHORTENED, ESSEX_SHORTENED, SODEXO_PER_CRC_CUTS, SOUTH_YORKSHIRE_CUTS,
            WORKING_LINKS_PERCENTAGE_CUT, WORKING_LINKS_POSTS_CUT, SODEXO_CUTS_ACROSS_SIX, DDC_INADEQUATE, HIOW_GOOD,
            KSS_REQUIRES_IMPROVEMENT, THREE_RATED_GOOD, LONDON_UNRATED, TR4_THEMATIC);

    // ------------------------------------------------------------------------------------------------- facts

    @Test
    void occurredOnIsTheDayTheThingHappened() {
        assertThat(AWARD.occurredOn()).isEqualTo(LocalDate.parse("2014-12-18"));
        assertThat(EXPIRY.occurredOn()).isEqualTo(LocalDate.parse("2021-06-26"));
        assertThat(ALL_CONTRACTS_SHORTENED.occurredOn()).isEqualTo(LocalDate.parse("2018-07-27"));
        assertThat(SODEXO_PER_CRC_CUTS.occurredOn()).isEqualTo(LocalDate.parse("2015-03-27"));
        assertThat(LONDON_UNRATED.occurredOn()).isEqualTo(LocalDate.parse("2018-02-01"));
    }

    @Test
    void namedProviderIsOnlyTheOneTheEntryNamesItself() {
        assertThat(AWARD.namedProvider()).contains(ProviderId.of("purple-futures"));
        assertThat(WORKING_LINKS_POSTS_CUT.namedProvider()).contains(ProviderId.of("working-links"));
        assertThat(TRANSFER.namedProvider()).isEmpty();
        assertThat(ALL_CONTRACTS_SHORTENED.namedProvider()).isEmpty();
        assertThat(DDC_INADEQUATE.namedProvider()).isEmpty();
    }

    @Test
    void crcIdsAreTheCrcsTheEntryNames() {
        assertThat(ids(AWARD.crcIds())).containsExactly("west-yorkshire");
        assertThat(ids(TRANSFER.crcIds())).containsExactly("wales");
        assertThat(ids(ALL_CONTRACTS_SHORTENED.crcIds())).hasSize(21).startsWith("northumbria");
        assertThat(ids(SODEXO_PER_CRC_CUTS.crcIds())).containsExactly("cumbria-lancashire", "south-yorkshire");
        assertThat(ids(THREE_RATED_GOOD.crcIds())).containsExactly("hiow", "kss", "london");
        assertThat(ids(TR4_THEMATIC.crcIds())).isEmpty();
    }

    @Test
    void onlyAThematicFindingNamingNoCrcCoversAllCrcs() {
        assertThat(TR4_THEMATIC.coversAllCrcs()).isTrue();
        assertThat(LONDON_UNRATED.coversAllCrcs()).isFalse();
        assertThat(ALL_CONTRACTS_SHORTENED.coversAllCrcs()).isFalse();
        assertThat(AWARD.coversAllCrcs()).isFalse();
    }

    @Test
    void postsCutIsTheTotalWhenGiven() {
        assertThat(SODEXO_CUTS_ACROSS_SIX.postsCut()).isEqualByComparingTo("436");
    }

    @Test
    void postsCutIsTheSumOfTheCrcsPostsWithoutATotal() {
        assertThat(SODEXO_PER_CRC_CUTS.postsCut()).isEqualByComparingTo("307.6");
    }

    @Test
    void postsCutIsNullWithoutAnyPosts() {
        assertThat(WORKING_LINKS_PERCENTAGE_CUT.postsCut()).isNull();
    }

    @Test
    void percentageOnlyMeansAPercentageAndNoPosts() {
        assertThat(WORKING_LINKS_PERCENTAGE_CUT.percentageOnly()).isTrue();
        assertThat(SOUTH_YORKSHIRE_CUTS.percentageOnly()).isFalse();
        assertThat(WORKING_LINKS_POSTS_CUT.percentageOnly()).isFalse();
    }

    // ----------------------------------------------------------------------------------------------- summary

    @Test
    void awardSummaryGivesTheTermAndTheValueInMillions() {
        assertThat(AWARD.summary(null, NAMES)).isEqualTo(
                "Purple Futures awarded the West Yorkshire contract from 2015-02-01 to 2022-01-31 (GBP 600m)");
    }

    @Test
    void awardSummaryGivesAValueThatIsNoWholeMillionPlain() {
        ContractAwardDetails award = new ContractAwardDetails(WEST_YORKSHIRE, PURPLE_FUTURES, SIGNED_ON, SHARE_SALE,
                PLANNED_END, new BigDecimal("65500000.00"), null, List.of(PQ_221779));

        assertThat(award.summary(null, NAMES)).endsWith("(GBP 65500000)");
    }

    @Test
    void awardSummaryWithoutAValueEndsWithTheTerm() {
        assertThat(AWARD_WITHOUT_VALUE.summary(null, NAMES)).isEqualTo(
                "Sodexo Justice Services (with Nacro) awarded the Essex contract from 2015-02-01 to 2022-01-31");
    }

    @Test
    void summaryFallsBackToIdsForUnknownNames() {
        assertThat(AWARD_WITHOUT_VALUE.summary(null, Names.ids())).isEqualTo(
                "sodexo-nacro awarded the essex contract from 2015-02-01 to 2022-01-31");
    }

    @Test
    void transferSummaryNamesTheHolderAndTheSuccessor() {
        assertThat(TRANSFER.summary(WORKING_LINKS, NAMES)).isEqualTo(
                "Working Links' Wales contract ended: transferred to Seetec Business Technology Centre");
    }

    @Test
    void earlyEndSummarySaysItEndedEarly() {
        assertThat(EARLY_END.summary(WORKING_LINKS, NAMES))
                .isEqualTo("Working Links' Dorset, Devon and Cornwall contract ended early");
    }

    @Test
    void expirySummarySaysItExpired() {
        assertThat(EXPIRY.summary(MTCNOVO, NAMES)).isEqualTo("MTCnovo's London contract expired");
    }

    @Test
    void endSummaryWithoutAKnownHolderNamesOnlyTheCrc() {
        assertThat(EXPIRY.summary(null, NAMES)).isEqualTo("The London contract expired");
    }

    @Test
    void termChangeSummaryCountsTheContracts() {
        assertThat(ALL_CONTRACTS_SHORTENED.summary(null, NAMES))
                .isEqualTo("Planned end of 21 CRC contracts moved to 2020-12-31");
    }

    @Test
    void termChangeSummaryOfOneContractNamesItsCrc() {
        assertThat(ESSEX_SHORTENED.summary(null, NAMES))
                .isEqualTo("Planned end of the Essex contract moved to 2020-12-31");
    }

    @Test
    void jobCutSummaryGivesPostsAndPercentage() {
        assertThat(SOUTH_YORKSHIRE_CUTS.summary(null, NAMES)).isEqualTo(
                "Sodexo Justice Services (with Nacro) announced 184.6 posts cut (36%) in South Yorkshire");
    }

    @Test
    void jobCutSummaryAddsUpTheCrcsPostsAndNamesTheCrcs() {
        assertThat(SODEXO_PER_CRC_CUTS.summary(null, NAMES)).isEqualTo(
                "Sodexo Justice Services (with Nacro) announced 307.6 posts cut"
                        + " in Cumbria and Lancashire and South Yorkshire");
    }

    @Test
    void jobCutSummaryOfAPercentageOnlyCutGivesAStaffCut() {
        assertThat(WORKING_LINKS_PERCENTAGE_CUT.summary(null, NAMES)).isEqualTo(
                "Working Links announced a 40% staff cut in Dorset, Devon and Cornwall and Wales");
    }

    @Test
    void jobCutSummaryOfAPostsOnlyCutGivesNoPercentage() {
        assertThat(WORKING_LINKS_POSTS_CUT.summary(null, NAMES))
                .isEqualTo("Working Links announced 600 posts cut in Wales");
    }

    @Test
    void jobCutSummaryCountsMoreThanThreeCrcs() {
        assertThat(SODEXO_CUTS_ACROSS_SIX.summary(null, NAMES))
                .isEqualTo("Sodexo Justice Services (with Nacro) announced 436 posts cut across 6 CRCs");
    }

    @Test
    void ratedFindingSummaryNamesTheCrcAndRating() {
        assertThat(DDC_INADEQUATE.summary(WORKING_LINKS, NAMES)).isEqualTo(
                INSPECTORATE + " rated Dorset, Devon and Cornwall Inadequate: " + DDC_TITLE);
    }

    @Test
    void ratedFindingSummaryWritesTheRatingInWords() {
        assertThat(KSS_REQUIRES_IMPROVEMENT.summary(null, NAMES)).isEqualTo(
                INSPECTORATE + " rated Kent, Surrey and Sussex Requires improvement: Kent, Surrey and Sussex CRC");
    }

    @Test
    void ratedFindingSummaryOfSeveralCrcsCountsThem() {
        assertThat(THREE_RATED_GOOD.summary(null, NAMES))
                .isEqualTo(INSPECTORATE + " rated 3 CRCs Good: Three CRCs");
    }

    @Test
    void unratedFindingSummarySaysItReportedOnTheCrc() {
        assertThat(LONDON_UNRATED.summary(MTCNOVO, NAMES))
                .isEqualTo(INSPECTORATE + " reported on London: " + LONDON_TITLE);
    }

    @Test
    void thematicFindingSummaryIsAThematicReport() {
        assertThat(TR4_THEMATIC.summary(null, NAMES))
                .isEqualTo(INSPECTORATE + " thematic report: " + TR4_TITLE);
    }

    @Test
    void incidentSummaryGivesTheCategoryTheCrcAndTheHolder() {
        assertThat(BRISTOL_SELF_HARM.summary(WORKING_LINKS, NAMES)).isEqualTo("Risk management incident in Bristol,"
                + " Gloucestershire, Somerset and Wiltshire under Working Links: " + SELF_HARM);
    }

    @Test
    void incidentSummaryWithoutAKnownHolderNamesTheCrcs() {
        assertThat(IT_FAILURE_IN_TWO.summary(null, NAMES))
                .isEqualTo("IT incident in Dorset, Devon and Cornwall and Wales: case system down");
    }

    @Test
    void incidentSummaryCountsMoreThanTwoCrcs() {
        assertThat(STAFFING_ACROSS_THREE.summary(null, NAMES))
                .isEqualTo("Staffing and workload incident across 3 CRCs: caseloads over 100");
    }

    @Test
    void incidentNamesNoProviderItself() {
        assertThat(BRISTOL_SELF_HARM.namedProvider()).isEmpty();
        assertThat(BRISTOL_SELF_HARM.occurredOn()).isEqualTo(LocalDate.parse("2016-01-20"));
        assertThat(ids(STAFFING_ACROSS_THREE.crcIds())).containsExactly("ddc", "wales", "bgsw");
    }

    @Test
    void summariesHaveNoTrailingPeriodOrTrailingZeros() {
        for (EntryDetails details : EVERY_KIND) {
            String summary = details.summary(null, NAMES);
            assertThat(summary).doesNotEndWith(".").doesNotContain(".0%").doesNotContain("null");
        }
    }

    // ------------------------------------------------------------------------------------------------- events

    @Test
    void aRecordingEventConcernsTheProviderItsDetailsName() {
        EntryRecorded awarded = ContractAwarded.of(EntryId.of("award"), AWARD, RecordedBy.of("alice"));

        assertThat(awarded.type()).isEqualTo(EntryType.CONTRACT_AWARD);
        assertThat(awarded.concernedProvider()).contains(PURPLE_FUTURES);
    }

    @Test
    void aContractEndConcernsTheHolderWhoseContractEnded() {
        EntryRecorded ended = ContractEnded.of(EntryId.of("transfer"), WORKING_LINKS, TRANSFER,
                RecordedBy.of("alice"));

        assertThat(TRANSFER.namedProvider()).isEmpty();
        assertThat(ended.concernedProvider()).contains(WORKING_LINKS);
        assertThat(ended.details().summary(ended.concernedProvider().orElse(null), NAMES)).isEqualTo(
                "Working Links' Wales contract ended: transferred to Seetec Business Technology Centre");
    }

    @Test
    void theCatalogueListsEveryEntryTypeOnceUnderItsJsonName() {
        assertThat(EntryKinds.all()).extracting(EntryKinds.Kind::type).containsExactly(EntryType.values());
        assertThat(EntryKinds.detailsTypes()).containsEntry("job-cut-announcement", JobCutAnnouncementDetails.class)
                .containsEntry("contract-end", ContractEndDetails.class).hasSize(EntryType.values().length);
        for (EntryDetails details : EVERY_KIND) {
            assertThat(EntryKinds.detailsTypes().get(details.type().jsonName())).isEqualTo(details.getClass());
        }
    }

    private static List<String> ids(List<CrcId> crcIds) {
        return crcIds.stream().map(CrcId::value).toList();
    }
}

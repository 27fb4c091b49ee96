package uk.crcledger.timeline;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import uk.crcledger.contract.ContractAwardDetails;
import uk.crcledger.contract.ContractEndDetails;
import uk.crcledger.contract.ContractEndReason;
import uk.crcledger.contract.ContractTermChangeDetails;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.Percentage;
import uk.crcledger.entry.Posts;
import uk.crcledger.entry.Source;
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
 * Read-model fields of entry details, written against events in /work/shared/reference/events.csv. The facts and
 * summaries are the details' own and are specified in ledger-core ({@code EntryDetailsFactsUnitTest}).
 */
class EntryFactsUnitTest {

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

    private static final List<EntryDetails> EVERY_KIND = List.of(AWARD, AWARD_WITHOUT_VALUE, TRANSFER, EARLY_END,
            EXPIRY, ALL_CONTRACTS_SHORTENED, ESSEX_SHORTENED, SODEXO_PER_CRC_CUTS, SOUTH_YORKSHIRE_CUTS,
            WORKING_LINKS_PERCENTAGE_CUT, WORKING_LINKS_POSTS_CUT, SODEXO_CUTS_ACROSS_SIX, DDC_INADEQUATE, HIOW_GOOD,
            KSS_REQUIRES_IMPROVEMENT, THREE_RATED_GOOD, LONDON_UNRATED, TR4_THEMATIC);

    private static final EntryDetails UNKNOWN_DETAILS = new EntryDetails() {
        @Override
        public EntryType type() {
            return EntryType.CONTRACT_AWARD;
        }

        @Override
        public List<Source> sources() {
            return List.of(PQ_221779);
        }

        @Override
        public void check(LocalDate today) {
        }

        @Override
        public LocalDate occurredOn() {
            return SIGNED_ON;
        }

        @Override
        public List<CrcId> crcIds() {
            return List.of();
        }

        @Override
        public String summary(ProviderId concerned, Names names) {
            return "";
        }
    };

    // ------------------------------------------------------------------------------------------------- fields

    @Test
    void awardFieldsAreItsOwnFieldsWithTheValueAsDecimal128() {
        assertThat(EntryFacts.fields(AWARD)).isEqualTo(new Document()
                .append("crcId", "west-yorkshire")
                .append("providerId", "purple-futures")
                .append("signedOn", "2014-12-18")
                .append("startsOn", "2015-02-01")
                .append("plannedEndOn", "2022-01-31")
                .append("valueGbp", new Decimal128(VALUE_GBP))
                .append("description", AWARD_DESCRIPTION));
    }

    @Test
    void awardFieldsKeepAbsentOptionalFieldsAsNull() {
        Document fields = EntryFacts.fields(AWARD_WITHOUT_VALUE);

        assertThat(fields).containsEntry("valueGbp", null).containsEntry("description", null);
        assertThat(fields.keySet()).containsExactly("crcId", "providerId", "signedOn", "startsOn", "plannedEndOn",
                "valueGbp", "description");
    }

    @Test
    void endFieldsNameTheReasonByItsJsonNameAndTheSuccessor() {
        assertThat(EntryFacts.fields(TRANSFER)).isEqualTo(new Document()
                .append("crcId", "wales")
                .append("endedOn", "2019-02-15")
                .append("reason", "transferred")
                .append("successorProviderId", "seetec"));
    }

    @Test
    void endFieldsWithoutASuccessorHoldNull() {
        assertThat(EntryFacts.fields(EARLY_END)).isEqualTo(new Document()
                .append("crcId", "ddc")
                .append("endedOn", "2019-02-15")
                .append("reason", "terminated-early")
                .append("successorProviderId", null));
    }

    @Test
    void termChangeFieldsListTheCrcIds() {
        assertThat(EntryFacts.fields(ESSEX_SHORTENED)).isEqualTo(new Document()
                .append("crcIds", List.of("essex"))
                .append("announcedOn", "2018-07-27")
                .append("newPlannedEndOn", "2020-12-31")
                .append("reason", TERM_REASON));
    }

    @Test
    void jobCutFieldsListEachCrcWithItsPostsAndPercentage() {
        assertThat(EntryFacts.fields(SODEXO_PER_CRC_CUTS)).isEqualTo(new Document()
                .append("providerId", "sodexo-nacro")
                .append("announcedOn", "2015-03-27")
                .append("crcs", List.of(
                        new Document("crcId", "cumbria-lancashire")
                                .append("posts", new Decimal128(new BigDecimal("123")))
                                .append("percentage", new Decimal128(new BigDecimal("30"))),
                        new Document("crcId", "south-yorkshire")
                                .append("posts", new Decimal128(new BigDecimal("184.6")))
                                .append("percentage", new Decimal128(new BigDecimal("36")))))
                .append("totalPosts", null)
                .append("percentage", null)
                .append("description", SODEXO_CUTS_DESCRIPTION));
    }

    @Test
    void jobCutFieldsHoldTotalsAndNullForACrcWithoutFigures() {
        assertThat(EntryFacts.fields(SOUTH_YORKSHIRE_CUTS)).isEqualTo(new Document()
                .append("providerId", "sodexo-nacro")
                .append("announcedOn", "2015-03-27")
                .append("crcs", List.of(new Document("crcId", "south-yorkshire")
                        .append("posts", null)
                        .append("percentage", null)))
                .append("totalPosts", new Decimal128(new BigDecimal("184.6")))
                .append("percentage", new Decimal128(new BigDecimal("36")))
                .append("description", SODEXO_CUTS_DESCRIPTION));
    }

    @Test
    void findingFieldsNameTheRatingByItsJsonName() {
        assertThat(EntryFacts.fields(KSS_REQUIRES_IMPROVEMENT)).isEqualTo(new Document()
                .append("inspectorate", INSPECTORATE)
                .append("title", "Kent, Surrey and Sussex CRC")
                .append("publishedOn", "2019-06-19")
                .append("crcIds", List.of("kss"))
                .append("thematic", false)
                .append("rating", "requires-improvement")
                .append("findings", null));
    }

    @Test
    void thematicFindingFieldsHaveNoCrcsAndRatingNone() {
        assertThat(EntryFacts.fields(TR4_THEMATIC)).isEqualTo(new Document()
                .append("inspectorate", INSPECTORATE)
                .append("title", TR4_TITLE)
                .append("publishedOn", "2016-01-21")
                .append("crcIds", List.of())
                .append("thematic", true)
                .append("rating", "none")
                .append("findings", null));
    }

    @Test
    void fieldsOfAnUnknownKindOfDetailsAreRefused() {
        assertThatThrownBy(() -> EntryFacts.fields(UNKNOWN_DETAILS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown kind of entry details");
    }

    // ------------------------------------------------------------------------------------------------ sources

    @Test
    void sourcesKeepEveryFieldWithNullForAbsentOnes() {
        assertThat(EntryFacts.sources(List.of(PQ_221779, INSPECTORATE_PRESS_RELEASE))).containsExactly(
                new Document("title", "Parliamentary question 221779")
                        .append("publisher", null)
                        .append("url", null)
                        .append("documentReference", "221779")
                        .append("publishedOn", null),
                new Document("title", "Dorset, Devon and Cornwall CRC inspection")
                        .append("publisher", INSPECTORATE)
                        .append("url", "https://www.justiceinspectorates.gov.uk/hmiprobation/")
                        .append("documentReference", null)
                        .append("publishedOn", "2019-02-15"));
    }

    // ---------------------------------------------------------------------------------------------- BSON

    @Test
    void everyDocumentSurvivesABsonRoundTripUnchanged() {
        for (EntryDetails details : EVERY_KIND) {
            Document facts = new Document("fields", EntryFacts.fields(details))
                    .append("sources", EntryFacts.sources(details.sources()))
                    .append("occurredOn", details.occurredOn().toString())
                    .append("providerId", details.namedProvider().map(ProviderId::value).orElse(null))
                    .append("crcIds", details.crcIds().stream().map(CrcId::value).toList())
                    .append("coversAllCrcs", details.coversAllCrcs())
                    .append("summary", details.summary(null, NAMES));

            assertThat(roundTrip(facts)).as(details.type().jsonName()).isEqualTo(facts);
        }
    }

    private static Document roundTrip(Document document) {
        DocumentCodec codec = new DocumentCodec();
        return new RawBsonDocument(document, codec).decode(codec);
    }
}

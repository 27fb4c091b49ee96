package uk.crcledger.search;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.crcledger.contract.ContractAwarded;
import uk.crcledger.correction.EntryCorrected;
import uk.crcledger.correction.EntryRetracted;
import uk.crcledger.crc.CrcRegistered;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.RecordedBy;
import uk.crcledger.entry.Source;
import uk.crcledger.incident.IncidentCategory;
import uk.crcledger.incident.IncidentReportDetails;
import uk.crcledger.incident.IncidentReported;
import uk.crcledger.provider.ProviderRegistered;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;
import uk.crcledger.timeline.EntryStatus;
import uk.crcledger.withholding.PayloadWithheld;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The search index as a read model of events: what it finds live and as of an instant, after
 * corrections, retractions and withholdings, and that its position and format live in its own commit.
 */
class SearchIndexIntegrationTest {

    private static final RecordedBy ALICE = new RecordedBy("alice");
    private static final CrcId WEST_YORKSHIRE = CrcId.of("west-yorkshire");
    private static final ProviderId PURPLE_FUTURES = ProviderId.of("purple-futures");
    private static final EntryId AWARD = EntryId.of("award-wy");
    private static final EntryId INCIDENT = EntryId.of("incident-1");
    private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
    private static final List<Source> SOURCES = List.of(Source.web("Serious further offence review",
            "https://example.org/review"));

    @TempDir
    Path dir;

    private SearchIndex index;
    private final List<TrackedEventMessage<?>> ledger = new ArrayList<>();

    @AfterEach
    void close() {
        if (index != null) {
            index.close();
        }
    }

    @Test
    void finds_an_incident_by_a_stemmed_word_with_the_match_marked() {
        index = SearchIndex.open(dir);
        index.apply(List.of(registrations(), incident("Supervision breaches were missed by overloaded staff")).stream()
                .flatMap(List::stream).toList());

        SearchResults found = search("breach");

        assertThat(found.total()).isEqualTo(1);
        SearchHit hit = found.hits().get(0);
        assertThat(hit.entryId()).isEqualTo(INCIDENT.value());
        assertThat(hit.type()).isEqualTo(EntryType.INCIDENT_REPORT);
        assertThat(hit.crcIds()).containsExactly(WEST_YORKSHIRE.value());
        assertThat(hit.status()).isEqualTo(EntryStatus.ACTIVE);
        assertThat(hit.snippets()).anySatisfy(snippet -> {
            assertThat(snippet.field()).isEqualTo("description");
            assertThat(snippet.parts()).contains(new Snippet.Part("breaches", true));
        });
    }

    @Test
    void finds_a_providers_entries_by_a_members_name() {
        index = SearchIndex.open(dir);
        index.apply(registrations());
        index.apply(List.of(event(new ContractAwarded(AWARD, WEST_YORKSHIRE, PURPLE_FUTURES,
                LocalDate.of(2014, 12, 19), LocalDate.of(2015, 2, 1), LocalDate.of(2022, 1, 31),
                new BigDecimal("600000000"), null, SOURCES, ALICE))));

        assertThat(search("interserve").hits()).extracting(SearchHit::entryId).containsExactly(AWARD.value());
        assertThat(search("\"west yorkshire\"").hits()).extracting(SearchHit::entryId).containsExactly(AWARD.value());
    }

    @Test
    void a_correction_replaces_the_text_live_and_as_of_before_it_the_old_text_is_found() {
        index = SearchIndex.open(dir);
        index.apply(registrations());
        index.apply(incident("A caseload audit found gaps"));
        Instant beforeCorrection = ledger.get(ledger.size() - 1).getTimestamp();
        index.apply(List.of(event(new EntryCorrected(INCIDENT, EntryType.INCIDENT_REPORT,
                details("A staffing audit found gaps"), List.of("description"), "misread", ALICE,
                LocalDate.of(2020, 1, 2)))));

        assertThat(search("caseload").total()).isZero();
        assertThat(search("staffing").hits()).singleElement()
                .satisfies(hit -> assertThat(hit.status()).isEqualTo(EntryStatus.CORRECTED));
        assertThat(searchAsOf("caseload", beforeCorrection).hits()).singleElement()
                .satisfies(hit -> assertThat(hit.status()).isEqualTo(EntryStatus.ACTIVE));
        assertThat(searchAsOf("staffing", beforeCorrection).total()).isZero();
    }

    @Test
    void a_retracted_entry_is_still_found_and_says_so_only_from_its_retraction_on() {
        index = SearchIndex.open(dir);
        index.apply(registrations());
        index.apply(incident("A caseload audit found gaps"));
        Instant beforeRetraction = ledger.get(ledger.size() - 1).getTimestamp();
        index.apply(List.of(event(new EntryRetracted(INCIDENT, EntryType.INCIDENT_REPORT, "duplicate", ALICE,
                LocalDate.of(2020, 1, 3)))));

        assertThat(search("caseload").hits()).extracting(SearchHit::status).containsExactly(EntryStatus.RETRACTED);
        assertThat(searchAsOf("caseload", beforeRetraction).hits()).extracting(SearchHit::status)
                .containsExactly(EntryStatus.ACTIVE);
    }

    @Test
    void a_withheld_revisions_words_are_not_found_at_any_moment() {
        index = SearchIndex.open(dir);
        index.apply(registrations());
        index.apply(incident("The named victim Jane Roe was harmed"));
        long withheldPosition = ledger.size();
        Instant recorded = ledger.get(ledger.size() - 1).getTimestamp();
        index.apply(List.of(event(new EntryCorrected(INCIDENT, EntryType.INCIDENT_REPORT,
                details("A victim was harmed"), List.of("description"), "court order", ALICE,
                LocalDate.of(2020, 1, 2)))));
        index.apply(List.of(event(new PayloadWithheld(INCIDENT, withheldPosition, "court order", "case 1", ALICE))));

        assertThat(search("roe").total()).isZero();
        assertThat(searchAsOf("roe", recorded).total()).isZero();
        assertThat(search("victim").hits()).singleElement().satisfies(hit -> assertThat(hit.snippets())
                .flatExtracting(Snippet::parts).extracting(Snippet.Part::text).noneMatch(t -> t.contains("Roe")));
    }

    @Test
    void filters_by_type_crc_dates_and_provider_by_its_contract_periods() {
        index = SearchIndex.open(dir);
        index.apply(registrations());
        index.apply(incident("A caseload audit found gaps"));

        assertThat(search(request("audit", Set.of(EntryType.CONTRACT_AWARD), Set.of(), null, null)).total()).isZero();
        assertThat(search(request("audit", Set.of(EntryType.INCIDENT_REPORT), Set.of("west-yorkshire"), null, null))
                .total()).isOne();
        assertThat(search(request("audit", Set.of(), Set.of("durham"), null, null)).total()).isZero();
        assertThat(search(new SearchRequest("audit", Set.of(), Set.of(), null, LocalDate.of(2019, 7, 2), null,
                null, 0, 10)).total()).isZero();
        var heldThen = new SearchRequest.ProviderScope(PURPLE_FUTURES.value(), List.of(
                new SearchRequest.Held(WEST_YORKSHIRE.value(), LocalDate.of(2015, 2, 1), null)));
        var heldBefore = new SearchRequest.ProviderScope("sodexo", List.of(
                new SearchRequest.Held(WEST_YORKSHIRE.value(), LocalDate.of(2014, 1, 1), LocalDate.of(2015, 2, 1))));
        assertThat(search(request("audit", Set.of(), Set.of(), heldThen, null)).total()).isOne();
        assertThat(search(request("audit", Set.of(), Set.of(), heldBefore, null)).total()).isZero();
    }

    @Test
    void continues_from_its_committed_position_after_a_restart() {
        index = SearchIndex.open(dir);
        index.apply(registrations());
        index.apply(incident("A caseload audit found gaps"));
        long position = index.position();
        index.close();

        index = SearchIndex.open(dir);

        assertThat(index.position()).isEqualTo(position).isEqualTo(ledger.size());
        assertThat(search("caseload").total()).isOne();
        assertThat(search("interserve").total()).isZero(); // names are kept too: none names Purple Futures
        index.apply(List.of(ledger.get(ledger.size() - 1))); // a replayed event changes nothing
        assertThat(search("caseload").total()).isOne();
    }

    @Test
    void an_index_in_another_format_is_discarded_to_be_rebuilt() {
        index = SearchIndex.open(dir, "0");
        index.apply(registrations());
        index.apply(incident("A caseload audit found gaps"));
        index.close();

        index = SearchIndex.open(dir);

        assertThat(index.position()).isZero();
        assertThat(search("caseload").total()).isZero();
    }

    @Test
    void rebuilding_from_the_events_gives_the_same_answers() {
        index = SearchIndex.open(dir);
        index.apply(registrations());
        index.apply(incident("A caseload audit found gaps"));
        index.apply(List.of(event(new EntryCorrected(INCIDENT, EntryType.INCIDENT_REPORT,
                details("A staffing audit found caseload gaps"), List.of("description"), "misread", ALICE,
                LocalDate.of(2020, 1, 2)))));
        SearchResults before = search("caseload");

        index.clear(ledger.size());
        index.apply(ledger);

        assertThat(index.buildUntil()).isZero();
        assertThat(search("caseload")).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "breach AND", "\"unclosed", "*ache", "?ache", "/re(g)+x/", "a*", "ab*",
            "[a TO z]", "nosuchfield:word", "the", "caseload\u0000", "case\u202Eload"})
    void refuses_hostile_or_malformed_queries_with_a_reason(String q) {
        index = SearchIndex.open(dir);
        assertThatThrownBy(() -> search(q)).isInstanceOf(InvalidSearchException.class)
                .hasMessageStartingWith("q ");
    }

    @Test
    void refuses_huge_queries_too_many_clauses_and_deep_pages() {
        index = SearchIndex.open(dir);
        assertThatThrownBy(() -> search("word ".repeat(101))).isInstanceOf(InvalidSearchException.class)
                .hasMessageContaining("at most " + SearchText.MAX_LENGTH);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < SearchText.MAX_CLAUSES + 1; i++) {
            many.append("w").append(i).append(' ');
        }
        assertThatThrownBy(() -> search(many.toString())).isInstanceOf(InvalidSearchException.class)
                .hasMessageContaining("too much");
        assertThatThrownBy(() -> index.search(new SearchRequest("audit", Set.of(), Set.of(), null, null, null, null,
                SearchIndex.MAX_RESULTS, 10))).isInstanceOf(InvalidSearchException.class);
    }

    @Test
    void shows_a_batch_at_once_and_makes_it_durable_at_the_next_commit_or_applies_it_again_after_a_crash() {
        index = SearchIndex.open(dir, SearchIndex.FORMAT, java.time.Duration.ofHours(1));
        List<TrackedEventMessage<?>> first = registrations();
        index.apply(first);
        List<TrackedEventMessage<?>> second = incident("Supervision breaches were missed");
        index.apply(second);

        // Searchable at once, before any commit.
        assertThat(search("breach").total()).isOne();
        assertThat(index.position()).isEqualTo(3);

        // A crash (the writer rolled back to its last commit, as a restart would find it): back to the index's
        // first commit, and the follower's events since then apply again to the same answers.
        index.recover();
        assertThat(index.position()).isZero();
        assertThat(search("breach").total()).isZero();
        index.apply(first);
        index.apply(second);
        assertThat(search("breach").total()).isOne();

        // Closing commits: a restart continues where it stopped.
        index.close();
        index = SearchIndex.open(dir);
        assertThat(index.position()).isEqualTo(3);
        assertThat(search("breach").total()).isOne();
    }

    @Test
    void commits_when_due_even_when_no_batch_follows() {
        index = SearchIndex.open(dir, SearchIndex.FORMAT, java.time.Duration.ofMillis(200));
        index.apply(registrations());
        index.apply(incident("Supervision breaches were missed"));

        // What the follower does while the ledger is quiet.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            index.commitIfDue();
            return index.committedPosition() == 3;
        });
        index.recover();
        assertThat(index.position()).isEqualTo(3);
        assertThat(search("breach").total()).isOne();
    }

    @Test
    void counts_matches_exactly_only_as_far_as_a_page_can_go() {
        index = SearchIndex.open(dir);
        List<TrackedEventMessage<?>> events = new ArrayList<>(registrations());
        int many = SearchIndex.MAX_RESULTS + 5;
        for (int i = 0; i < many; i++) {
            IncidentReportDetails d = details(i == 0 ? "Caseloads grew; one rare audit" : "Caseloads grew again");
            events.add(event(new IncidentReported(EntryId.of("incident-" + i), d.crcIds(), d.occurredOn(), d.category(),
                    d.summary(), d.description(), d.figures(), d.sources(), ALICE)));
        }
        index.apply(events);

        SearchResults common = search("caseloads");
        assertThat(common.totalIsLowerBound()).isTrue();
        assertThat(common.total()).isGreaterThanOrEqualTo(SearchIndex.MAX_RESULTS).isLessThanOrEqualTo(many);
        assertThat(common.hits()).hasSize(10);
        SearchResults rare = search("audit");
        assertThat(rare.totalIsLowerBound()).isFalse();
        assertThat(rare.total()).isOne();
        assertThat(rare.hits()).extracting(SearchHit::entryId).containsExactly("incident-0");
    }

    private SearchResults search(String text) {
        return search(request(text, Set.of(), Set.of(), null, null));
    }

    private SearchResults searchAsOf(String text, Instant asOf) {
        return search(request(text, Set.of(), Set.of(), null, asOf));
    }

    private SearchResults search(SearchRequest request) {
        return index.search(request);
    }

    private static SearchRequest request(String text, Set<EntryType> types, Set<String> crcs,
                                         SearchRequest.ProviderScope provider, Instant asOf) {
        return new SearchRequest(text, types, crcs, provider, null, null, asOf, 0, 10);
    }

    private List<TrackedEventMessage<?>> registrations() {
        return List.of(event(new CrcRegistered(WEST_YORKSHIRE, "West Yorkshire", "WY", ALICE)),
                event(new ProviderRegistered(PURPLE_FUTURES, "Purple Futures", "joint-venture",
                        List.of("Interserve (80% of shares)", "3SC"), ALICE)));
    }

    private List<TrackedEventMessage<?>> incident(String description) {
        IncidentReportDetails d = details(description);
        return List.of(event(new IncidentReported(INCIDENT, d.crcIds(), d.occurredOn(), d.category(), d.summary(),
                d.description(), d.figures(), d.sources(), ALICE)));
    }

    private static IncidentReportDetails details(String description) {
        return new IncidentReportDetails(List.of(WEST_YORKSHIRE), LocalDate.of(2019, 7, 1),
                IncidentCategory.RISK_MANAGEMENT, "Missed risk assessments", description, List.of(), SOURCES);
    }

    /** The next event of the ledger, a minute after the one before. */
    private TrackedEventMessage<?> event(Object payload) {
        long position = ledger.size() + 1;
        var message = new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                new GenericEventMessage<>("event-" + position, payload, Map.of(), T0.plusSeconds(60 * position)));
        ledger.add(message);
        return message;
    }
}

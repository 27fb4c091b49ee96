package uk.crcledger.entry;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The value types refuse what the ledger cannot mean, with messages naming the value. */
class ValueTypesTest {

    @Nested
    class PostsSpec {

        @Test
        void accepts_decimal_posts_of_at_least_one() {
            assertThat(Posts.of("184.6").value()).isEqualByComparingTo("184.6");
            assertThat(Posts.of("1").value()).isEqualByComparingTo(BigDecimal.ONE);
        }

        @Test
        void refuses_posts_below_one() {
            assertThatThrownBy(() -> Posts.of("0.99"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("posts must be at least 1, was 0.99");
        }

        @Test
        void refuses_no_number() {
            assertThatThrownBy(() -> new Posts(null)).hasMessage("posts must be a number");
        }
    }

    @Nested
    class PercentageSpec {

        @ParameterizedTest
        @ValueSource(strings = {"0.1", "40", "100"})
        void accepts_more_than_zero_up_to_a_hundred(String value) {
            assertThat(Percentage.of(value).value()).isEqualByComparingTo(value);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-5", "100.01"})
        void refuses_values_outside_zero_exclusive_to_a_hundred(String value) {
            assertThatThrownBy(() -> Percentage.of(value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a percentage must be more than 0 and at most 100, was " + value);
        }
    }

    @Nested
    class SourceSpec {

        @Test
        void accepts_a_document_reference_without_url() {
            Source source = Source.document("Parliamentary question 221779", "PQ 221779");
            assertThat(source.url()).isNull();
            assertThat(source.documentReference()).isEqualTo("PQ 221779");
        }

        @Test
        void accepts_an_https_url() {
            assertThat(Source.web("BBC", "https://www.bbc.co.uk/news/uk-30344262").url())
                    .isEqualTo("https://www.bbc.co.uk/news/uk-30344262");
        }

        @Test
        void refuses_a_source_without_title() {
            assertThatThrownBy(() -> Source.document(" ", "PQ 221779")).hasMessage("a source needs a title");
        }

        @Test
        void refuses_a_source_without_url_or_reference() {
            assertThatThrownBy(() -> new Source("Napo blog", "Napo", " ", null, LocalDate.of(2016, 1, 1)))
                    .hasMessage("source 'Napo blog' needs a url or a documentReference so a reader can find it");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://example.org/file", "javascript:alert(1)", "not a url", "https://"})
        void refuses_a_url_that_is_not_http(String url) {
            assertThatThrownBy(() -> Source.web("Napo blog", url))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has url '" + url + "', which is not an http(s) address");
        }
    }

    @Nested
    class Ids {

        @Test
        void generates_distinct_entry_ids() {
            assertThat(EntryId.generate()).isNotEqualTo(EntryId.generate());
            assertThat(EntryId.generate().value()).hasSize(36);
        }

        @Test
        void accepts_deterministic_seed_ids() {
            assertThat(EntryId.of("seed.2015-03-27_job-cuts").toString()).isEqualTo("seed.2015-03-27_job-cuts");
        }

        @Test
        void refuses_entry_ids_with_other_characters() {
            assertThatThrownBy(() -> EntryId.of("a/b"))
                    .hasMessage("entry id 'a/b' may only contain letters, digits, '.', '_' and '-'");
        }

        @Test
        void refuses_entry_ids_longer_than_100() {
            assertThatThrownBy(() -> EntryId.of("x".repeat(101))).hasMessageContaining("more than 100");
            assertThat(EntryId.of("x".repeat(100)).value()).hasSize(100);
        }

        @Test
        void refuses_blank_entry_ids() {
            assertThatThrownBy(() -> EntryId.of(" ")).hasMessage("an entry id must not be blank");
        }

        @Test
        void accepts_crc_and_provider_slugs() {
            assertThat(CrcId.of("west-yorkshire").toString()).isEqualTo("west-yorkshire");
            assertThat(ProviderId.of("eos-staffline").value()).isEqualTo("eos-staffline");
        }

        @ParameterizedTest
        @ValueSource(strings = {"West-Yorkshire", "west_yorkshire", "-wales", "wales-", "a--b", "x"})
        void refuses_ids_that_are_not_slugs(String value) {
            assertThatThrownBy(() -> CrcId.of(value)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CRC id");
        }

        @Test
        void refuses_slugs_longer_than_60() {
            assertThatThrownBy(() -> ProviderId.of("a".repeat(61)))
                    .hasMessageContaining("must be 2 to 60 characters long, was 61");
        }
    }

    @Nested
    class RecordedBySpec {

        @Test
        void reads_who_recorded_from_metadata() {
            assertThat(RecordedBy.fromMetaData(" alice ")).isEqualTo(new RecordedBy("alice"));
        }

        @Test
        void refuses_missing_metadata_as_a_broken_rule() {
            assertThatThrownBy(() -> RecordedBy.fromMetaData(null))
                    .isInstanceOf(InvalidEntryException.class)
                    .hasMessage("an entry needs who recorded it (metadata 'recordedBy')");
        }
    }

    @Nested
    class Clock {

        @Test
        void today_is_the_date_in_london() {
            java.time.Clock previous = org.axonframework.eventhandling.GenericEventMessage.clock;
            try {
                // 23:30 UTC on 30 June is already 1 July in London (BST).
                org.axonframework.eventhandling.GenericEventMessage.clock = java.time.Clock.fixed(
                        java.time.Instant.parse("2015-06-30T23:30:00Z"), java.time.ZoneOffset.UTC);
                assertThat(LedgerClock.today()).isEqualTo(LocalDate.of(2015, 7, 1));
            } finally {
                org.axonframework.eventhandling.GenericEventMessage.clock = previous;
            }
        }
    }
}

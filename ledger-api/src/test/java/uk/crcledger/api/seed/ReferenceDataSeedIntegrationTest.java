package uk.crcledger.api.seed;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.timeline.LedgerReadModel;
import uk.crcledger.timeline.Timeline;
import uk.crcledger.timeline.TimelineItem;
import uk.crcledger.timeline.TimelineFilter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The application records the reference history on first start, once, and not when told not to. */
class ReferenceDataSeedIntegrationTest {

    /** 8 providers, 21 CRCs, 21 awards, 6 job cuts, 7 findings, 3 incidents, 1 term change, 3 transfers, 21 ends. */
    private static final int COMMANDS = 91;
    /** West Yorkshire's award, two thematic findings, job cuts, the term change and its end. */
    private static final int WEST_YORKSHIRE_ITEMS = 6;

    @TempDir
    Path dataDir;

    @Test
    void recordsTheReferenceHistoryOnFirstStartAndNothingOnTheNext() {
        try (ConfigurableApplicationContext app = start("--ledger.data-dir=" + dataDir)) {
            SeedOutcome outcome = awaitSeeded(app);
            assertThat(outcome.summary()).isEqualTo("Reference data: 91 recorded, 0 already there");
            assertThat(events(app)).isEqualTo(COMMANDS);

            LedgerReadModel readModel = app.getBean(LedgerReadModel.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> readModel.live()
                    .crcTimeline("west-yorkshire", TimelineFilter.all())
                    .map(t -> t.total() == WEST_YORKSHIRE_ITEMS).orElse(false));
            Timeline timeline = readModel.live().crcTimeline("west-yorkshire", TimelineFilter.all()).orElseThrow();
            List<TimelineItem> items = timeline.items();
            assertThat(items).extracting(TimelineItem::entryId).containsExactly(
                    "award-2014-12-18-west-yorkshire",
                    "finding-2015-11-19-thematic",
                    "job-cuts-2016-01-20-purple-futures",
                    "finding-2016-01-21-thematic",
                    "term-change-2018-07-27",
                    "end-2021-06-26-west-yorkshire");
            assertThat(items).extracting(TimelineItem::occurredOn).isSorted();
            assertThat(items).allSatisfy(item -> assertThat(item.recordedBy()).isEqualTo("reference-data"));
            assertThat(items).filteredOn(item -> List.of("contract-award", "job-cut-announcement")
                            .contains(item.type().jsonName()))
                    .hasSize(2)
                    .allSatisfy(item -> {
                        assertThat(item.providerId()).isEqualTo("purple-futures");
                        assertThat(item.providerName()).isEqualTo("Purple Futures");
                    });
            await().atMost(Duration.ofSeconds(30)).until(() -> readModel.live().crc("ddc").isPresent());

            // An incident names no provider: the timeline gives the CRC's holder that day.
            await().atMost(Duration.ofSeconds(30)).until(() -> bgswItem(readModel).isPresent());
            TimelineItem selfHarm = bgswItem(readModel).orElseThrow();
            assertThat(selfHarm.type().jsonName()).isEqualTo("incident-report");
            assertThat(selfHarm.providerId()).isEqualTo("working-links");
        }

        try (ConfigurableApplicationContext app = start("--ledger.data-dir=" + dataDir)) {
            SeedOutcome outcome = awaitSeeded(app);
            assertThat(outcome).isEqualTo(new SeedOutcome(0, COMMANDS, null, null));
            assertThat(outcome.summary()).isEqualTo("Reference data: 0 recorded, 91 already there");
            assertThat(events(app)).isEqualTo(COMMANDS);
        }
    }

    private static java.util.Optional<TimelineItem> bgswItem(LedgerReadModel readModel) {
        return readModel.live().crcTimeline("bgsw", TimelineFilter.all()).stream()
                .flatMap(timeline -> timeline.items().stream())
                .filter(item -> item.entryId().equals("incident-2016-01-20-bgsw")).findFirst();
    }

    @Test
    void recordsNothingWhenSeedingIsOff() {
        try (ConfigurableApplicationContext app = start("--ledger.data-dir=" + dataDir, "--ledger.seed=false")) {
            assertThat(app.getBeanProvider(ReferenceDataSeeder.class).getIfAvailable()).isNull();
            assertThat(events(app)).isZero();
        }
    }

    private static SeedOutcome awaitSeeded(ConfigurableApplicationContext app) {
        ReferenceDataSeeder seeder = app.getBean(ReferenceDataSeeder.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> seeder.outcome().isPresent());
        SeedOutcome outcome = seeder.outcome().orElseThrow();
        assertThat(outcome.finished()).as(outcome.summary()).isTrue();
        return outcome;
    }

    private static long events(ConfigurableApplicationContext app) {
        return app.getBean(MongoDatabase.class).getCollection("events").countDocuments();
    }

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(LedgerApplication.class).web(WebApplicationType.NONE).run(args);
    }
}

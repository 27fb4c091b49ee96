package uk.crcledger.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.eventstore.testing.TestEvents;
import uk.crcledger.eventstore.testing.TestEvents.Probed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Events written before the JVM's store is stopped are read back after it starts again. */
class RestartIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void readsBackEventsWrittenBeforeARestartAndContinuesTheLedger() {
        try (EmbeddedStore store = EmbeddedStore.start(dataDir)) {
            for (int seq = 0; seq < 20; seq++) {
                store.engine().appendEvents(TestEvents.commit("crc", seq, 1, "before-" + seq));
            }
        }

        try (EmbeddedStore store = EmbeddedStore.start(dataDir)) {
            assertThat(store.engine().readEvents("crc").asStream().map(DomainEventMessage::getSequenceNumber))
                    .hasSize(20).last().isEqualTo(19L);
            store.engine().appendEvents(TestEvents.commit("crc", 20, 1, "after"));

            List<TrackedEventMessage<?>> all = new ArrayList<>();
            store.engine().readEvents(null, false).forEach(all::add);
            assertThat(all).hasSize(21);
            assertThat(all.get(20).trackingToken().position()).hasValue(21L);
            assertThat(((Probed) all.get(20).getPayload()).commit()).isEqualTo("after");
        }
    }

    @Test
    void keepsTheDataFileProportionateToTheData() {
        int events = 5_000;
        try (EmbeddedStore store = EmbeddedStore.start(dataDir)) {
            for (int seq = 0; seq < events; seq++) {
                store.engine().appendEvents(TestEvents.commit("crc", seq, 1, "e" + seq));
            }
        }
        try (EmbeddedStore store = EmbeddedStore.start(dataDir)) {
            long bytesPerEvent = store.server().fileSize() / events;
            System.out.printf("data file: %d bytes per event, %.1f MB per 10k events%n", bytesPerEvent,
                    bytesPerEvent * 10_000 / 1e6);
            // Each stored event is about 700 bytes of JSON; the file may hold a few times that,
            // not the ~36 KB per event that committing with H2's default retention produced.
            assertThat(bytesPerEvent).isLessThan(4_000);
        }
    }
}

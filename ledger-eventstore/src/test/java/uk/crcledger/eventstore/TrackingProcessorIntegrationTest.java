package uk.crcledger.eventstore;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SerializedObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.eventstore.testing.TestEvents;
import uk.crcledger.eventstore.testing.TestEvents.Probed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tracking processor on the ledger's storage engine sees every committed event once, in
 * ledger-position order, while 8 writers on two app instances append.
 */
class TrackingProcessorIntegrationTest {

    private static final String PROCESSOR = "probe-projection";
    private static final int WRITERS = 8;
    private static final int COMMITS_PER_WRITER = 150;

    @TempDir
    Path dataDir;

    private EmbeddedStore store;
    private MongoLedgerStorageEngine secondInstance;
    private Configuration axon;
    private TokenStore tokenStore;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    record Seen(long position, String eventId, String commit, int index) {
    }

    class ProbeProjection {
        @EventHandler
        void on(Probed event, TrackingToken token, org.axonframework.eventhandling.EventMessage<?> message) {
            seen.add(new Seen(token.position().orElseThrow(), message.getIdentifier(), event.commit(), event.index()));
        }
    }

    @BeforeEach
    void start() {
        store = EmbeddedStore.start(dataDir);
        secondInstance = EmbeddedStore.engineOn(store.database());
        tokenStore = LedgerTokenStores.mongo(store.database(), LedgerSerializers.jackson(), "test-node",
                Duration.ofSeconds(10));
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> LedgerSerializers.jackson())
                .configureEventStore(c -> EmbeddedEventStore.builder().storageEngine(store.engine()).build())
                .eventProcessing(processing -> processing
                        .registerTokenStore(c -> tokenStore)
                        .registerTrackingEventProcessor(PROCESSOR)
                        .registerEventHandler(c -> new ProbeProjection())
                        .assignHandlerInstancesMatching(PROCESSOR, handler -> true))
                .buildConfiguration();
        axon.start();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
        secondInstance.close();
        store.close();
    }

    @Test
    void seesEveryCommittedEventOnceInLedgerPositionOrder() throws Exception {
        EventStore here = axon.eventStore();
        EventStore there = EmbeddedEventStore.builder().storageEngine(secondInstance).build();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writing = new ArrayList<>();
        int events = 0;
        for (int writer = 0; writer < WRITERS; writer++) {
            EventStore target = writer % 2 == 0 ? here : there;
            String aggregate = "writer-" + writer;
            writing.add(writers.submit(() -> {
                long seq = 0;
                for (int commit = 0; commit < COMMITS_PER_WRITER; commit++) {
                    int size = 1 + commit % 3;
                    target.publish(TestEvents.commit(aggregate, seq, size, aggregate + "/" + commit));
                    seq += size;
                }
            }));
        }
        for (int commit = 0; commit < COMMITS_PER_WRITER; commit++) {
            events += (1 + commit % 3) * WRITERS;
        }
        for (Future<?> write : writing) {
            write.get();
        }
        writers.shutdown();
        int expected = events;

        await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() >= expected);

        assertThat(seen).hasSize(expected);
        assertThat(seen).extracting(Seen::eventId).doesNotHaveDuplicates();
        assertThat(seen).extracting(Seen::position)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().toList());
        // Events of one commit arrive together, in their order.
        for (int i = 0; i < seen.size(); i++) {
            Seen event = seen.get(i);
            if (event.index() > 0) {
                assertThat(seen.get(i - 1).commit()).isEqualTo(event.commit());
                assertThat(seen.get(i - 1).index()).isEqualTo(event.index() - 1);
            }
        }
    }

    @Test
    void keepsTheTokenSmallWhateverTheBurst() {
        EventStore eventStore = axon.eventStore();
        for (int commit = 0; commit < 3_000; commit++) {
            eventStore.publish(TestEvents.commit("burst", commit, 1, "b" + commit));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() >= 3_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> storedPosition() == 3_000);

        TrackingToken token = tokenStore.fetchToken(PROCESSOR, 0);
        SerializedObject<byte[]> serialized = LedgerSerializers.jackson().serialize(token, byte[].class);
        assertThat(serialized.getData().length).isLessThan(1024);
    }

    private long storedPosition() {
        TrackingToken token = tokenStore.fetchToken(PROCESSOR, 0);
        return token == null ? 0 : token.position().orElse(0);
    }
}

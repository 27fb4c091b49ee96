package uk.crcledger.eventstore;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.eventstore.testing.TestEvents;
import uk.crcledger.eventstore.testing.TestEvents.Probed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a crash, an instance restarted under the same name takes its processor claims back at
 * once instead of waiting for them to time out (the claim timeout here is an hour, so only
 * ownership can explain a prompt start).
 */
class ClaimRecoveryIntegrationTest {

    private static final String PROCESSOR = "recovering";
    private static final Duration LONG_CLAIM = Duration.ofHours(1);

    @TempDir
    Path dataDir;

    private EmbeddedStore store;
    private Configuration axon;
    private final AtomicInteger handled = new AtomicInteger();

    @BeforeEach
    void start() {
        store = EmbeddedStore.start(dataDir);
    }

    @AfterEach
    void stop() {
        if (axon != null) {
            axon.shutdown();
        }
        store.close();
    }

    @Test
    void takesBackItsOwnClaimsAtOnceAfterACrash() {
        store.engine().appendEvents(TestEvents.commit("a", 0, 1, "before"));
        // The crashed instance: it claimed segment 0 and died without releasing it.
        TokenStore crashed = tokenStore("instance-1");
        crashed.initializeTokenSegments(PROCESSOR, 1);
        crashed.fetchToken(PROCESSOR, 0);

        axon = processorOn(tokenStore("instance-1"));

        await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 1);
    }

    @Test
    void leavesAnotherInstancesLiveClaimAlone() {
        store.engine().appendEvents(TestEvents.commit("a", 0, 1, "before"));
        TokenStore other = tokenStore("instance-2");
        other.initializeTokenSegments(PROCESSOR, 1);
        other.fetchToken(PROCESSOR, 0);

        axon = processorOn(tokenStore("instance-1"));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> handled.get() == 0);
        assertThat(handled).hasValue(0);
    }

    private TokenStore tokenStore(String nodeId) {
        return LedgerTokenStores.mongo(store.database(), LedgerSerializers.jackson(), nodeId, LONG_CLAIM);
    }

    private Configuration processorOn(TokenStore tokenStore) {
        class Counting {
            @EventHandler
            void on(Probed event) {
                handled.incrementAndGet();
            }
        }
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> LedgerSerializers.jackson())
                .configureEventStore(c -> EmbeddedEventStore.builder().storageEngine(store.engine()).build())
                .eventProcessing(p -> p.registerTokenStore(c -> tokenStore)
                        .registerTrackingEventProcessor(PROCESSOR)
                        .registerEventHandler(c -> new Counting())
                        .assignHandlerInstancesMatching(PROCESSOR, h -> true))
                .buildConfiguration();
        configuration.start();
        return configuration;
    }
}

package uk.crcledger.timeline;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import uk.crcledger.contract.ReplicatedContractRegister;
import uk.crcledger.entry.ContractRegister;
import uk.crcledger.entry.EntryDirectory;
import uk.crcledger.entry.InMemoryEntryDirectory;
import uk.crcledger.eventstore.LedgerSerializers;
import uk.crcledger.eventstore.LedgerTokenStores;
import uk.crcledger.eventstore.testing.EmbeddedStore;
import uk.crcledger.kinds.EntryKinds;
import uk.crcledger.projection.ReadModelCollections;
import uk.crcledger.projection.ReadModelStore;
import uk.crcledger.projection.SegmentBalancer;
import uk.crcledger.provider.Provider;
import uk.crcledger.withholding.PayloadWithholding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One app instance for projection tests: the command side and the read model's processor on the
 * embedded store, wired as the app wires them.
 */
final class LedgerHarness implements AutoCloseable {

    static final MetaData BY_ALICE = MetaData.with("recordedBy", "alice");
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(5);

    private final EmbeddedStore store;
    private final String nodeId;
    private final LedgerReadModel readModel;
    private final Configuration axon;
    private final TokenStore tokenStore;
    private final SegmentBalancer balancer;
    private final ScheduledExecutorService balancing = Executors.newSingleThreadScheduledExecutor();

    LedgerHarness(EmbeddedStore store, String nodeId, int segments, Object... extraHandlers) {
        this(store, nodeId, segments, UnaryOperator.identity(), extraHandlers);
    }

    /**
     * @param readModelDatabase what the read model's writes and reads go through (a test may hold
     *                          them up), the store's database by default
     */
    LedgerHarness(EmbeddedStore store, String nodeId, int segments, UnaryOperator<MongoDatabase> readModelDatabase,
                  Object... extraHandlers) {
        this.store = store;
        this.nodeId = nodeId;
        this.readModel = new LedgerReadModel(new ReadModelStore(readModelDatabase.apply(store.database())),
                store.engine());
        InMemoryEntryDirectory directory = new InMemoryEntryDirectory();
        var configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> LedgerSerializers.jackson(EntryKinds.detailsTypes()))
                .configureEmbeddedEventStore(c -> store.engine())
                .configureAggregate(Provider.class)
                .configureAggregate(PayloadWithholding.class)
                .registerComponent(EntryDirectory.class, c -> directory)
                .registerComponent(ContractRegister.class, c -> new ReplicatedContractRegister(store::engine))
                .registerCommandHandler(c -> EntryKinds.revisions(directory, c::repository));
        // Every kind of entry's aggregate, as the app configures them.
        EntryKinds.aggregates().forEach(configurer::configureAggregate);
        this.tokenStore = LedgerTokenStores.mongo(store.database(), LedgerSerializers.jackson(), nodeId,
                CLAIM_TIMEOUT);
        configurer.eventProcessing(processing -> {
            processing.registerTokenStore(c -> tokenStore);
            readModel.registerProcessor(processing, segments, 100);
            for (Object handler : extraHandlers) {
                processing.registerEventHandler(c -> handler);
            }
            processing.assignHandlerInstancesMatching(LedgerReadModel.PROCESSOR, 1, h -> extraHandlers.length > 0
                    && java.util.Arrays.asList(extraHandlers).contains(h));
        });
        this.axon = configurer.buildConfiguration();
        // The app's directory reads the ids the commits claimed; this one learns them from what this harness stores.
        axon.eventStore().subscribe(stored -> stored.forEach(directory::learn));
        axon.start();
        this.balancer = new SegmentBalancer(store.database(), LedgerReadModel.PROCESSOR, nodeId, this::processor,
                Duration.ofSeconds(10), java.time.Clock.systemUTC());
        this.balancing.scheduleWithFixedDelay(balancer::tick, 0, 300, TimeUnit.MILLISECONDS);
    }

    /** Runs the read model's upkeep with the balancer, as the app does: rebuilds asked for anywhere, layouts. */
    void startUpkeep() {
        balancing.scheduleWithFixedDelay(this::keepUp, 0, 300, TimeUnit.MILLISECONDS);
    }

    /** One round of the read model's upkeep on this instance. */
    void keepUp() {
        readModel.keepUp(nodeId, processor(), tokenStore, CLAIM_TIMEOUT);
    }

    /** Asks for a rebuild of the read model, carried out by this instance. */
    void rebuild() {
        readModel.requestRebuild(nodeId, processor(), tokenStore, CLAIM_TIMEOUT);
    }

    CommandGateway commands() {
        return axon.commandGateway();
    }

    void send(Object command) {
        commands().sendAndWait(command, BY_ALICE);
    }

    /** The ledger position of an entry's revision, as the live read model shows it (1 = the recording). */
    long positionOf(uk.crcledger.entry.EntryId entryId, int revision) {
        return live().entry(entryId.value()).orElseThrow().revisions().get(revision - 1).ledgerPosition();
    }

    TokenStore tokenStore() {
        return tokenStore;
    }

    LedgerReadModel readModel() {
        return readModel;
    }

    LedgerQueries live() {
        return readModel.live();
    }

    StreamingEventProcessor processor() {
        return axon.eventProcessingConfiguration()
                .eventProcessor(LedgerReadModel.PROCESSOR, StreamingEventProcessor.class).orElseThrow();
    }

    /** Waits until the processor has handled every stored event. */
    void awaitProjected() {
        long head = store.engine().headPosition() - 1;
        await().atMost(Duration.ofSeconds(60)).until(() -> processor().processingStatus().values().stream()
                .allMatch(s -> s.getCurrentPosition().orElse(0) >= head) && !processor().processingStatus().isEmpty());
    }

    /**
     * Waits until every one of {@code segments} segments has handled every stored event, whichever of
     * {@code instances} holds it. One instance's own status says nothing of a segment that is between
     * owners (given back by the balancer, not yet claimed), so each instance's wait alone can pass while
     * that segment's events are still to be applied.
     */
    static void awaitProjected(int segments, LedgerHarness... instances) {
        long head = instances[0].store.engine().headPosition() - 1;
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<Integer, Long> positions = new java.util.HashMap<>();
            for (LedgerHarness instance : instances) {
                instance.processor().processingStatus().forEach((segment, status) ->
                        positions.merge(segment, status.getCurrentPosition().orElse(0), Math::max));
            }
            return positions.size() == segments && positions.values().stream().allMatch(p -> p >= head);
        });
    }

    /** Every document of one version of the read model, by collection, in {@code _id} order. */
    Map<String, List<Document>> documents(int version) {
        ReadModelCollections names = new ReadModelCollections(version);
        Map<String, List<Document>> all = new LinkedHashMap<>();
        for (String base : ReadModelCollections.ALL) {
            all.put(base, store.database().getCollection(names.of(base)).find().sort(Sorts.ascending("_id"))
                    .into(new ArrayList<>()));
        }
        return all;
    }

    @Override
    public void close() {
        balancing.shutdownNow();
        balancer.close();
        axon.shutdown();
    }
}

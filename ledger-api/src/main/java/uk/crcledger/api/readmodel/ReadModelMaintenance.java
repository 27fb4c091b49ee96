package uk.crcledger.api.readmodel;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import uk.crcledger.projection.SegmentBalancer;
import uk.crcledger.timeline.LedgerReadModel;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Background upkeep of the read model once Axon runs: balancing segments between instances, and the
 * rounds of {@link LedgerReadModel#keepUp} that carry out a rebuild asked for on any instance (this
 * one stops its processor while another rebuilds) and switch to a rebuilt version when it has caught
 * up. Rebuilds are asked for here too.
 */
public class ReadModelMaintenance implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadModelMaintenance.class);

    private final LedgerReadModel readModel;
    private final SegmentBalancer balancer;
    private final Supplier<StreamingEventProcessor> processor;
    private final TokenStore tokenStore;
    private final String node;
    private final Duration claimTimeout;
    private final Duration every;
    private ScheduledExecutorService scheduler;

    ReadModelMaintenance(LedgerReadModel readModel, SegmentBalancer balancer,
                         Supplier<StreamingEventProcessor> processor, TokenStore tokenStore, String node,
                         Duration claimTimeout, Duration every) {
        this.readModel = readModel;
        this.balancer = balancer;
        this.processor = processor;
        this.tokenStore = tokenStore;
        this.node = node;
        this.claimTimeout = claimTimeout;
        this.every = every;
    }

    /**
     * Asks for a rebuild of the read model, carried out by this instance once the others have let go
     * of their segments; queries keep answering from the current version meanwhile.
     *
     * @throws IllegalStateException when a rebuild is asked for or running already
     */
    public LedgerReadModel.Status rebuild() {
        readModel.requestRebuild(node, processor.get(), tokenStore, claimTimeout);
        return status();
    }

    public LedgerReadModel.Status status() {
        return readModel.status(processor);
    }

    private void tick() {
        try {
            balancer.tick();
            readModel.keepUp(node, processor.get(), tokenStore, claimTimeout);
        } catch (RuntimeException e) {
            // Upkeep retries on the next tick; it must never stop the schedule.
            log.warn("Read model upkeep failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ledger-read-model-upkeep");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** After Axon's processors start, before they stop. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}

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
 * Background upkeep of the read model once Axon runs: balancing segments between instances, and
 * switching to a rebuilt version when it has caught up. Rebuilds start here too.
 */
public class ReadModelMaintenance implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadModelMaintenance.class);

    private final LedgerReadModel readModel;
    private final SegmentBalancer balancer;
    private final Supplier<StreamingEventProcessor> processor;
    private final TokenStore tokenStore;
    private final Duration every;
    private ScheduledExecutorService scheduler;

    ReadModelMaintenance(LedgerReadModel readModel, SegmentBalancer balancer,
                         Supplier<StreamingEventProcessor> processor, TokenStore tokenStore, Duration every) {
        this.readModel = readModel;
        this.balancer = balancer;
        this.processor = processor;
        this.tokenStore = tokenStore;
        this.every = every;
    }

    /** Starts rebuilding the read model; queries keep answering from the current version meanwhile. */
    public LedgerReadModel.Status rebuild() {
        readModel.startRebuild(processor.get(), tokenStore);
        return status();
    }

    public LedgerReadModel.Status status() {
        return readModel.status(processor);
    }

    private void tick() {
        try {
            balancer.tick();
            readModel.upgradeLayout(processor.get(), tokenStore);
            readModel.completeRebuildIfCaughtUp(processor.get(), tokenStore);
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

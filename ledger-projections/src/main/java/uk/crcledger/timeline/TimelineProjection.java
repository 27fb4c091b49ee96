package uk.crcledger.timeline;

import org.axonframework.eventhandling.ConcludesBatch;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import uk.crcledger.projection.MongoModel;
import uk.crcledger.projection.ReadModelStore;
import uk.crcledger.projection.ReadModelVersions;

/**
 * The event handler that keeps the ledger's read model in MongoDB. It collects a processing batch's
 * writes and sends them when the batch ends, before the processor stores its token: a crash in
 * between replays the batch, and every write is idempotent (see {@link LedgerProjection}).
 */
public class TimelineProjection {

    private static final String BATCH = TimelineProjection.class.getName() + ".batch";

    private final ReadModelStore store;
    private final ReadModelVersions versions;
    private final ReadModelProgress progress;

    public TimelineProjection(ReadModelStore store, ReadModelVersions versions, ReadModelProgress progress) {
        this.store = store;
        this.versions = versions;
        this.progress = progress;
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> event, TrackingToken token, @ConcludesBatch Boolean lastOfBatch) {
        MongoModel.Batch batch = batch();
        LedgerProjection.apply(event, token.position().orElseThrow(), batch);
        if (Boolean.TRUE.equals(lastOfBatch)) {
            batch.flush();
        }
    }

    private MongoModel.Batch batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("The timeline projection runs inside a processor's unit of work");
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(BATCH, key -> {
            MongoModel model = store.model(versions.state().writing());
            MongoModel.Batch batch = model.batch();
            // Safety net: whatever was not flushed at the batch's last event goes before the commit.
            root.onPrepareCommit(u -> batch.flush());
            // After the token is stored: readers waiting for their write look again.
            root.afterCommit(u -> progress.advanced());
            return batch;
        });
    }
}

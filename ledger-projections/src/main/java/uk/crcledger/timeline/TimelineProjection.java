package uk.crcledger.timeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.axonframework.eventhandling.ConcludesBatch;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import uk.crcledger.entry.EntryEvent;
import uk.crcledger.entry.EntryRecorded;
import uk.crcledger.projection.MongoModel;
import uk.crcledger.projection.ReadModelStore;
import uk.crcledger.projection.ReadModelVersions;

/**
 * The event handler that keeps the ledger's read model in MongoDB. It collects a processing batch's
 * events, applies them and sends the writes when the batch ends, before the processor stores its
 * token: a crash in between replays the batch, and every write is idempotent (see
 * {@link LedgerProjection}).
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
        Pending batch = batch();
        batch.events.add(new Positioned(event, token.position().orElseThrow()));
        if (Boolean.TRUE.equals(lastOfBatch)) {
            batch.apply();
        }
    }

    private record Positioned(EventMessage<?> event, long position) {
    }

    /**
     * A processing batch's events, applied together when it ends: the entries that its corrections,
     * retractions and withholdings revise are read first with one query, instead of one round trip
     * each, then every event is applied in order and the writes are sent.
     */
    private static final class Pending {

        private final MongoModel.Batch writes;
        private final List<Positioned> events = new ArrayList<>();

        Pending(MongoModel.Batch writes) {
            this.writes = writes;
        }

        void apply() {
            if (events.isEmpty()) {
                return;
            }
            Set<String> recorded = new HashSet<>();
            Set<String> revised = new LinkedHashSet<>();
            for (Positioned p : events) {
                if (p.event().getPayload() instanceof EntryRecorded r) {
                    recorded.add(r.entryId().value());
                } else if (p.event().getPayload() instanceof EntryEvent e) {
                    revised.add(e.entryId().value());
                }
            }
            revised.removeAll(recorded);
            writes.prefetch(revised, StoredEntry.class);
            for (Positioned p : events) {
                LedgerProjection.apply(p.event(), p.position(), writes);
            }
            events.clear();
            writes.flush();
        }
    }

    private Pending batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("The timeline projection runs inside a processor's unit of work");
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(BATCH, key -> {
            MongoModel model = store.model(versions.state().writing());
            Pending batch = new Pending(model.batch());
            // Safety net: whatever was not applied at the batch's last event goes before the commit.
            root.onPrepareCommit(u -> batch.apply());
            // After the token is stored: readers waiting for their write look again.
            root.afterCommit(u -> progress.advanced());
            return batch;
        });
    }
}

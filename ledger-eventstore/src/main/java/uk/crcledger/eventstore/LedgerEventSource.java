package uk.crcledger.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The ledger's events for a streaming processor, read straight from the storage engine, with word
 * of each event this instance stores.
 * <p>
 * Why not the event store itself: Axon's pooled streaming processor looks for new events every
 * 500 ms unless its stream can call it back when events arrive, and the embedded event store's
 * streams cannot. An answer to a write waits for the read model to show it, so that poll put half a
 * second on every recorded entry. These streams call back as soon as this instance's engine has
 * stored a commit; events stored by another instance are found by the processor's regular look
 * (its token claim interval).
 */
public final class LedgerEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final MongoLedgerStorageEngine engine;

    public LedgerEventSource(MongoLedgerStorageEngine engine) {
        this.engine = engine;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new EventStream(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return engine.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return engine.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return engine.createTokenAt(dateTime);
    }

    private final class EventStream implements BlockingStream<TrackedEventMessage<?>> {

        private final Object arrivals = new Object();
        private TrackingToken lastToken;
        private Iterator<? extends TrackedEventMessage<?>> read = java.util.Collections.emptyIterator();
        private TrackedEventMessage<?> peeked;
        private boolean readOnce;
        private Runnable callback;
        private final Runnable onStored = this::stored;

        private EventStream(TrackingToken from) {
            this.lastToken = from;
            engine.onStored(onStored);
        }

        private void stored() {
            Runnable notify;
            synchronized (arrivals) {
                arrivals.notifyAll();
                notify = callback;
            }
            if (notify != null) {
                notify.run();
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(fetch());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (fetch() == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                synchronized (arrivals) {
                    // Bounded: a commit stored by another instance sends no word.
                    arrivals.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
                }
            }
            return true;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
                // keep waiting: this call blocks until there is an event
            }
            TrackedEventMessage<?> next = peeked;
            peeked = null;
            lastToken = next.trackingToken();
            return next;
        }

        /** The next event, read from the store when none is buffered; null at the head. */
        private TrackedEventMessage<?> fetch() {
            if (peeked == null) {
                if (!read.hasNext() && (!readOnce || engine.hasCommitAt(nextPosition()))) {
                    // A fresh read from where this stream stands (the engine's reads end at the head).
                    // The first may start inside a commit; after it, whole commits have been read, so
                    // the next event starts one and a look at the head costs one lookup by _id.
                    read = engine.readEvents(lastToken, false).iterator();
                    readOnce = true;
                }
                if (read.hasNext()) {
                    peeked = read.next();
                }
            }
            return peeked;
        }

        private long nextPosition() {
            return lastToken == null ? 1 : lastToken.position().orElse(0) + 1;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            synchronized (arrivals) {
                this.callback = callback;
            }
            return true;
        }

        @Override
        public void close() {
            engine.removeOnStored(onStored);
        }
    }
}

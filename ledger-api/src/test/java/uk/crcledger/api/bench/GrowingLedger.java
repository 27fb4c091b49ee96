package uk.crcledger.api.bench;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import uk.crcledger.bench.LedgerGenerator;
import uk.crcledger.contract.ContractAwarded;
import uk.crcledger.crc.CrcRegistered;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.provider.ProviderRegistered;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link LedgerGenerator}'s ledger, appended in prefixes to a store as it grows: each event is
 * recorded with the instant it is appended (not the instant it was generated), as the command side
 * would, so "as of" an instant between two steps sees the ledger as it stood then. Also what the
 * benchmark needs to know about it: the CRCs, providers, and who holds which CRC.
 */
final class GrowingLedger {

    private final List<DomainEventMessage<?>> events;
    private final List<String> crcs = new ArrayList<>();
    private final List<String> providers = new ArrayList<>();
    private final Map<String, String> holders = new LinkedHashMap<>();
    /** Registrations and awards come first; entries only after all of them are stored. */
    private final int firstEntry;
    private int appended;

    GrowingLedger(int size, int busyEntries) {
        this.events = LedgerGenerator.generate(size, busyEntries);
        int first = -1;
        for (int i = 0; i < events.size(); i++) {
            Object payload = events.get(i).getPayload();
            if (payload instanceof ProviderRegistered p) {
                providers.add(p.providerId().value());
            } else if (payload instanceof CrcRegistered c) {
                crcs.add(c.crcId().value());
            } else if (payload instanceof ContractAwarded a) {
                holders.put(a.crcId().value(), a.providerId().value());
            } else if (first < 0) {
                first = i;
            }
        }
        this.firstEntry = first < 0 ? events.size() : first;
    }

    int size() {
        return events.size();
    }

    int appended() {
        return appended;
    }

    List<String> crcs() {
        return crcs;
    }

    List<String> providers() {
        return providers;
    }

    /** CRC id to the provider that holds its contract (from 2015-02-01). */
    Map<String, String> holders() {
        return holders;
    }

    /**
     * Appends the events up to {@code upTo} (exclusive) that are not stored yet, from {@code writers}
     * threads, each aggregate always on the same thread so its events stay in order; registrations and
     * awards are all stored before the first entry. Answers the instant at which half of them were stored.
     */
    Instant appendUpTo(int upTo, MongoLedgerStorageEngine engine, int writers) throws Exception {
        int from = appended;
        int to = Math.min(upTo, events.size());
        Instant halfway = null;
        if (from < firstEntry) {
            int end = Math.min(firstEntry, to);
            append(from, end, engine, writers, null);
            from = end;
        }
        if (from < to) {
            AtomicReference<Instant> half = new AtomicReference<>();
            append(from, to, engine, writers, half);
            halfway = half.get();
        }
        appended = to;
        return halfway != null ? halfway : Instant.now();
    }

    private void append(int from, int to, MongoLedgerStorageEngine engine, int writers,
                        AtomicReference<Instant> halfway) throws Exception {
        List<List<DomainEventMessage<?>>> lanes = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            lanes.add(new ArrayList<>());
        }
        for (DomainEventMessage<?> event : events.subList(from, to)) {
            lanes.get(Math.floorMod(event.getAggregateIdentifier().hashCode(), writers)).add(event);
        }
        AtomicInteger done = new AtomicInteger();
        int half = (to - from) / 2;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (List<DomainEventMessage<?>> lane : lanes) {
                work.add(pool.submit(() -> {
                    for (DomainEventMessage<?> event : lane) {
                        engine.appendEvents(List.of(stampedNow(event)));
                        if (done.incrementAndGet() == half && halfway != null) {
                            halfway.set(Instant.now());
                        }
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static DomainEventMessage<?> stampedNow(DomainEventMessage<?> event) {
        return new GenericDomainEventMessage<>(event.getType(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), event.getPayload(), event.getMetaData(), event.getIdentifier(),
                Instant.now());
    }
}

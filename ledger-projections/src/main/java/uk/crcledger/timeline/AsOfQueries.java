package uk.crcledger.timeline;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import uk.crcledger.eventstore.MongoLedgerStorageEngine;
import uk.crcledger.projection.Contributions;
import uk.crcledger.projection.InMemoryModel;
import uk.crcledger.projection.ModelReader;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import static uk.crcledger.projection.ReadModelCollections.CRC_TIMELINES;
import static uk.crcledger.projection.ReadModelCollections.PROVIDER_TIMELINES;
import static uk.crcledger.projection.ReadModelCollections.REGISTERS;

/**
 * "What did the ledger say at instant T": the events recorded at or before T that concern the thing
 * asked about (found through the live read model, which lists them per CRC, provider and entry) are
 * read by position and replayed through the same projection into memory, and the same queries answer.
 * The cost follows the size of that CRC's or provider's history, not of the ledger.
 */
public class AsOfQueries implements LedgerQueries {

    private final ModelReader live;
    private final MongoLedgerStorageEngine events;
    private final Instant at;

    AsOfQueries(ModelReader live, MongoLedgerStorageEngine events, Instant at) {
        this.live = live;
        this.events = events;
        this.at = at;
    }

    @Override
    public Optional<Timeline> crcTimeline(String crcId, TimelineFilter filter) {
        return queriesFor(crcPositions(crcId)).crcTimeline(crcId, filter);
    }

    @Override
    public Optional<Document> crc(String crcId) {
        return queriesFor(crcPositions(crcId)).crc(crcId);
    }

    @Override
    public Optional<Timeline> providerTimeline(String providerId, TimelineFilter filter) {
        return queriesFor(providerPositions(providerId)).providerTimeline(providerId, filter);
    }

    @Override
    public Optional<Document> provider(String providerId) {
        return queriesFor(providerPositions(providerId)).provider(providerId);
    }

    @Override
    public Optional<Document> entry(String entryId) {
        SortedSet<Long> positions = registerPositions();
        live.entry(entryId).ifPresent(entry -> entry.getList("revisions", Document.class).forEach(r -> {
            positions.add(r.getLong("ledgerPosition"));
            // A withholding is no revision of its own, but it marks one.
            Document withheld = r.get("withheld", Document.class);
            if (withheld != null) {
                positions.add(withheld.getLong("ledgerPosition"));
            }
        }));
        return queriesFor(positions).entry(entryId);
    }

    private SortedSet<Long> crcPositions(String crcId) {
        SortedSet<Long> positions = registerPositions();
        live.document(CRC_TIMELINES, crcId).ifPresent(doc -> positions.addAll(Contributions.events(doc)));
        return positions;
    }

    private SortedSet<Long> providerPositions(String providerId) {
        SortedSet<Long> positions = registerPositions();
        live.document(PROVIDER_TIMELINES, providerId).ifPresent(doc -> {
            positions.addAll(Contributions.events(doc));
            for (Document item : Contributions.live(doc)) {
                if (item.get("crcIds") != null) {
                    for (String crcId : item.getList("crcIds", String.class)) {
                        live.document(CRC_TIMELINES, crcId).ifPresent(crc -> positions.addAll(Contributions.events(crc)));
                    }
                }
            }
        });
        return positions;
    }

    private SortedSet<Long> registerPositions() {
        SortedSet<Long> positions = new TreeSet<>();
        for (String register : new String[] {LedgerProjection.CRC_REGISTER, LedgerProjection.PROVIDER_REGISTER,
                LedgerProjection.THEMATIC_REGISTER}) {
            live.document(REGISTERS, register).ifPresent(doc -> positions.addAll(Contributions.events(doc)));
        }
        return positions;
    }

    private TimelineQueries queriesFor(SortedSet<Long> positions) {
        InMemoryModel model = new InMemoryModel();
        for (TrackedEventMessage<?> event : events.readEventsAt(positions)) {
            if (!event.getTimestamp().isAfter(at)) {
                LedgerProjection.apply(event, event.trackingToken().position().orElseThrow(), model);
            }
        }
        return new TimelineQueries(model);
    }
}

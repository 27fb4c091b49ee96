package uk.crcledger.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.axonframework.common.BuilderUtils.assertNonNull;
import static org.axonframework.common.BuilderUtils.assertThat;

/**
 * Axon's event storage SPI on MongoDB, built for a ledger: one total order over all events, whole
 * commits, optimistic locking per aggregate, and reads whose cost does not grow with the ledger.
 * <ol>
 *   <li><b>Ledger position.</b> Each event has a position; a commit's document has as {@code _id}
 *       the position of its first event. Positions are claimed by inserting, and a writer only
 *       moves past a position once it has seen the commit stored there ({@link CommitAppender}),
 *       so positions follow the order in which commits were stored and have no gaps: a later
 *       position is never visible before an earlier one. A tracking token is therefore a single
 *       number ({@link GlobalSequenceTrackingToken}), its size constant however many events were
 *       written in a burst; Axon's gap-aware token is not needed because there are no gaps to
 *       wait for.</li>
 *   <li><b>All or nothing.</b> The events of one unit of work are one document, stored by one
 *       insert: on a server without transactions, and when the process dies mid-append.</li>
 *   <li><b>Optimistic locking.</b> The unique {@code stream} key (aggregate id and first sequence
 *       number) lets exactly one of two concurrent commands on an aggregate store its events; the
 *       other gets a {@link ConcurrencyException}.</li>
 *   <li><b>Keys.</b> A commit may claim a unique key ({@link CommitKey}, e.g. the id of the entry its
 *       events record) in the same insert: the commits are the directory of what they record, and a
 *       recording whose key is taken stores nothing.</li>
 *   <li><b>Tracking.</b> Processors read the next positions with {@code _id $in [...]} and follow
 *       the chain; an aggregate is read through its stream keys. Both are index lookups on the
 *       embedded server and on MongoDB alike.</li>
 *   <li><b>Real MongoDB.</b> Nothing here needs transactions or change streams; the client's
 *       write concern (majority, journaled) decides when an append is acknowledged.</li>
 * </ol>
 */
public class MongoLedgerStorageEngine extends AbstractEventStorageEngine implements AutoCloseable {

    /** Bounds how far back a reader looks for the start of a commit that a token stopped inside. */
    public static final int MAX_EVENTS_PER_COMMIT = 128;

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> snapshots;
    private final CommitChain chain;
    private final CommitAppender appender;
    private final int batchSize;
    private final String recordedByKey;
    private final StoredEvents storedEvents;
    private final Function<EventMessage<?>, Optional<CommitKey>> keyOf;
    private final Function<CommitKey, RuntimeException> whenKeyTaken;

    protected MongoLedgerStorageEngine(Builder builder) {
        super(builder);
        this.recordedByKey = builder.recordedByKey;
        MongoDatabase database = builder.database;
        this.commits = database.getCollection(builder.commitsCollection);
        this.snapshots = database.getCollection(builder.snapshotsCollection);
        this.batchSize = builder.batchSize;
        // The unique stream key is the optimistic lock; "at" only serves createTokenAt.
        commits.createIndex(Indexes.ascending(CommitChain.STREAM), new IndexOptions().unique(true).name("stream"));
        commits.createIndex(Indexes.ascending(CommitChain.AT), new IndexOptions().name("at"));
        // Sparse: most commits (registrations, corrections) claim no key.
        commits.createIndex(Indexes.ascending(CommitChain.KEY),
                new IndexOptions().unique(true).sparse(true).name(CommitChain.KEY));
        this.keyOf = builder.keyOf;
        this.whenKeyTaken = builder.whenKeyTaken;
        this.chain = new CommitChain(commits, database.getCollection(builder.metaCollection), MAX_EVENTS_PER_COMMIT);
        // The writer must see what is on the primary now, majority-committed or not: a position
        // another writer just took is taken.
        MongoCollection<Document> local = commits.withReadConcern(com.mongodb.ReadConcern.LOCAL);
        this.appender = new CommitAppender(local, new CommitChain(local,
                database.getCollection(builder.metaCollection).withReadConcern(com.mongodb.ReadConcern.LOCAL),
                MAX_EVENTS_PER_COMMIT), builder.maxCommitsPerWrite);
        this.storedEvents = new StoredEvents(commits, chain, recordedByKey);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- appending -------------------------------------------------------------------------------

    private final java.util.Set<Runnable> storedListeners = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Runs {@code listener} after each commit this engine stores (for streams waiting for events). */
    public void onStored(Runnable listener) {
        storedListeners.add(listener);
    }

    public void removeOnStored(Runnable listener) {
        storedListeners.remove(listener);
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        if (events.size() > MAX_EVENTS_PER_COMMIT) {
            throw new EventStoreException("One unit of work may store at most " + MAX_EVENTS_PER_COMMIT
                    + " events; this one has " + events.size());
        }
        Document commit = toCommitDocument(events, serializer);
        CommitKey key = keyOf(events);
        if (key != null) {
            commit.append(CommitChain.KEY, key.value()).append(CommitChain.KEY_KIND, key.kind());
        }
        List<String> recordedBy = events.stream()
                .map(event -> event.getMetaData().get(recordedByKey))
                .map(by -> by instanceof String name && !name.isBlank() ? name : EventLeaves.UNATTRIBUTED)
                .toList();
        try {
            appender.append(commit, recordedBy);
        } catch (CommitAppender.KeyTakenException e) {
            throw whenKeyTaken.apply(key);
        } catch (CommitAppender.StreamConflictException e) {
            DomainEventMessage<?> first = firstDomainEvent(events);
            if (first.getSequenceNumber() == 0) {
                throw new AggregateStreamCreationException("Cannot create aggregate " + first.getType() + " "
                        + first.getAggregateIdentifier() + ": one with that identifier already exists", e);
            }
            throw new ConcurrencyException("Aggregate " + first.getType() + " " + first.getAggregateIdentifier()
                    + " was changed concurrently: sequence number " + first.getSequenceNumber()
                    + " is already stored", e);
        } catch (RuntimeException e) {
            throw new EventStoreException("The events could not be stored: " + e.getMessage(), e);
        }
        for (Runnable listener : storedListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                // The events are stored; a listener's trouble must not say otherwise.
                org.slf4j.LoggerFactory.getLogger(MongoLedgerStorageEngine.class)
                        .warn("A listener for stored events failed: {}", e.toString());
            }
        }
    }

    /** The one key the events claim, or null. */
    private CommitKey keyOf(List<? extends EventMessage<?>> events) {
        CommitKey found = null;
        for (EventMessage<?> event : events) {
            Optional<CommitKey> key = keyOf.apply(event);
            if (key.isPresent()) {
                if (found != null) {
                    // One unique key per document: a second would need its own index entry and claim.
                    throw new EventStoreException("One unit of work may claim one key; this one claims "
                            + found.value() + " and " + key.get().value());
                }
                found = key.get();
            }
        }
        return found;
    }

    /**
     * The commit that claimed {@code key}: one lookup through the unique key index, on the embedded server and on
     * MongoDB alike.
     */
    public Optional<CommitKey.Claim> claimOf(String key) {
        Document commit = chain.commitClaiming(key);
        return Optional.ofNullable(commit).map(c -> new CommitKey.Claim(c.getLong(CommitChain.ID),
                c.getString(CommitChain.AGGREGATE), c.getString(CommitChain.KEY_KIND)));
    }

    /**
     * Claims the keys of an aggregate's commits stored before this engine claimed keys (a store written by an
     * earlier version), from their events; commits that claim one already are left as they are. The events
     * themselves are not touched: the key is an index beside them. Answers how many commits claimed a key now.
     */
    public int claimKeysOf(String aggregateIdentifier) {
        int claimed = 0;
        for (Document commit : chain.aggregateCommits(aggregateIdentifier, 0, batchSize)) {
            if (commit.containsKey(CommitChain.KEY)) {
                continue;
            }
            Stream<DomainEventData<?>> stored = commit.getList(CommitChain.EVENTS, Document.class).stream()
                    .map(event -> domainEntry(commit, event));
            List<? extends EventMessage<?>> events = org.axonframework.eventsourcing.EventStreamUtils
                    .upcastAndDeserializeDomainEvents(stored, getEventSerializer(), upcasterChain).asStream()
                    .toList();
            CommitKey key = keyOf(events);
            if (key != null) {
                commits.updateOne(Filters.and(Filters.eq(CommitChain.ID, commit.getLong(CommitChain.ID)),
                                Filters.exists(CommitChain.KEY, false)),
                        com.mongodb.client.model.Updates.combine(
                                com.mongodb.client.model.Updates.set(CommitChain.KEY, key.value()),
                                com.mongodb.client.model.Updates.set(CommitChain.KEY_KIND, key.kind())));
                claimed++;
            }
        }
        return claimed;
    }

    private static Document toCommitDocument(List<? extends EventMessage<?>> events, Serializer serializer) {
        String commitId = UUID.randomUUID().toString();
        String aggregateIdentifier = null;
        String aggregateType = null;
        long expectedSequence = -1;
        String stream = null;
        List<Document> stored = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            Document entry = new Document("id", event.getIdentifier())
                    .append("ts", event.getTimestamp().toString());
            if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getAggregateIdentifier() != null) {
                if (aggregateIdentifier == null) {
                    aggregateIdentifier = domainEvent.getAggregateIdentifier();
                    aggregateType = domainEvent.getType();
                    stream = CommitChain.streamKey(aggregateIdentifier, domainEvent.getSequenceNumber());
                } else if (!aggregateIdentifier.equals(domainEvent.getAggregateIdentifier())) {
                    // Two aggregates in one commit could not be locked by one stream key.
                    throw new EventStoreException("One unit of work may change one aggregate; this one changes "
                            + aggregateIdentifier + " and " + domainEvent.getAggregateIdentifier());
                } else if (domainEvent.getSequenceNumber() != expectedSequence) {
                    throw new EventStoreException("Events of " + aggregateIdentifier + " are not consecutive: "
                            + domainEvent.getSequenceNumber() + " after " + (expectedSequence - 1));
                }
                expectedSequence = domainEvent.getSequenceNumber() + 1;
                entry.append("seq", domainEvent.getSequenceNumber());
            }
            SerializedObject<String> payload = event.serializePayload(serializer, String.class);
            SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
            entry.append("type", payload.getType().getName())
                    .append("rev", payload.getType().getRevision())
                    .append("payload", payload.getData())
                    .append("meta", metaData.getData());
            stored.add(entry);
        }
        Document commit = new Document(CommitChain.COMMIT_ID, commitId)
                .append(CommitChain.STREAM, stream != null ? stream : "~" + commitId);
        if (aggregateIdentifier != null) {
            commit.append(CommitChain.AGGREGATE, aggregateIdentifier).append(CommitChain.AGGREGATE_TYPE, aggregateType);
        }
        return commit.append(CommitChain.AT, Date.from(events.get(0).getTimestamp()))
                .append(CommitChain.EVENTS, stored);
    }

    private static DomainEventMessage<?> firstDomainEvent(List<? extends EventMessage<?>> events) {
        return events.stream()
                .filter(DomainEventMessage.class::isInstance)
                .map(e -> (DomainEventMessage<?>) e)
                .findFirst()
                .orElseThrow();
    }

    // ---- snapshots -------------------------------------------------------------------------------

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        SerializedObject<String> payload = snapshot.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = snapshot.serializeMetaData(serializer, String.class);
        Document document = new Document(CommitChain.ID, snapshot.getAggregateIdentifier())
                .append("aggregateType", snapshot.getType())
                .append("seq", snapshot.getSequenceNumber())
                .append("id", snapshot.getIdentifier())
                .append("ts", snapshot.getTimestamp().toString())
                .append("type", payload.getType().getName())
                .append("rev", payload.getType().getRevision())
                .append("payload", payload.getData())
                .append("meta", metaData.getData());
        Document current = snapshots.find(Filters.eq(CommitChain.ID, snapshot.getAggregateIdentifier())).first();
        if (current == null || current.getLong("seq") < snapshot.getSequenceNumber()) {
            snapshots.replaceOne(Filters.eq(CommitChain.ID, snapshot.getAggregateIdentifier()), document,
                    new ReplaceOptions().upsert(true));
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(Filters.eq(CommitChain.ID, aggregateIdentifier)).first();
        if (snapshot == null) {
            return Stream.empty();
        }
        return Stream.of(new GenericDomainEventEntry<>(snapshot.getString("aggregateType"), aggregateIdentifier,
                snapshot.getLong("seq"), snapshot.getString("id"), snapshot.getString("ts"),
                snapshot.getString("type"), snapshot.getString("rev"), snapshot.getString("payload"),
                snapshot.getString("meta")));
    }

    // ---- reading an aggregate --------------------------------------------------------------------

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String identifier, long firstSequenceNumber) {
        List<DomainEventData<?>> events = new ArrayList<>();
        for (Document commit : chain.aggregateCommits(identifier, firstSequenceNumber, batchSize)) {
            for (Document event : commit.getList(CommitChain.EVENTS, Document.class)) {
                Long seq = event.getLong("seq");
                if (seq != null && seq >= firstSequenceNumber) {
                    events.add(domainEntry(commit, event));
                }
            }
        }
        return events.stream();
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        List<Document> all = chain.aggregateCommits(aggregateIdentifier, 0, batchSize);
        return all.isEmpty() ? Optional.empty() : Optional.of(CommitChain.lastSequence(all.get(all.size() - 1)));
    }

    // ---- tracking --------------------------------------------------------------------------------

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return StreamSupport.stream(new ChainSpliterator(positionOf(trackingToken)), false);
    }

    private static long positionOf(TrackingToken token) {
        if (token == null) {
            return 0;
        }
        if (token instanceof GlobalSequenceTrackingToken global) {
            return global.getGlobalIndex();
        }
        // Replays wrap our token; the position they stand at is what they expose.
        return token.position().orElseThrow(() -> new IllegalArgumentException(
                "Unsupported tracking token " + token.getClass().getName()));
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        long head = chain.head();
        return head <= 1 ? null : new GlobalSequenceTrackingToken(head - 1);
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        // A range query: the embedded server scans for it. Only used when a processor is told to
        // start at a point in time, never on a hot path.
        Document first = commits.find(Filters.gte(CommitChain.AT, Date.from(dateTime)))
                .sort(Sorts.ascending(CommitChain.ID)).limit(1).first();
        if (first == null) {
            return createHeadToken();
        }
        long position = first.getLong(CommitChain.ID);
        return position <= 1 ? null : new GlobalSequenceTrackingToken(position - 1);
    }

    /**
     * The events at the given ledger positions, in position order, upcast and deserialized: how a
     * read model answers "as the ledger knew it at T" from the few events that concern it, without
     * reading the whole ledger. Positions that hold no event are skipped.
     */
    public List<TrackedEventMessage<?>> readEventsAt(java.util.Collection<Long> positions) {
        java.util.SortedSet<Long> wanted = new java.util.TreeSet<>(positions);
        if (wanted.isEmpty()) {
            return List.of();
        }
        TreeMap<Long, Document> found = chain.commitsHolding(wanted);
        List<TrackedEventData<?>> data = new ArrayList<>();
        for (Long position : wanted) {
            Map.Entry<Long, Document> floor = found.floorEntry(position);
            if (floor == null) {
                continue;
            }
            List<Document> events = floor.getValue().getList(CommitChain.EVENTS, Document.class);
            int index = (int) (position - floor.getKey());
            if (index < events.size()) {
                TrackingToken token = new GlobalSequenceTrackingToken(position);
                Document event = events.get(index);
                data.add(event.getLong("seq") != null
                        ? new TrackedDomainEventData<>(token, domainEntry(floor.getValue(), event))
                        : new TrackedEntry(token, event));
            }
        }
        return org.axonframework.eventhandling.EventUtils
                .upcastAndDeserializeTrackedEvents(data.stream(), getEventSerializer(), upcasterChain)
                .collect(java.util.stream.Collectors.toList());
    }

    /** The stored events by position, leaves and payloads as stored: what the transparency log reads. */
    public StoredEvents storedEvents() {
        return storedEvents;
    }

    /** The next free ledger position as this instance knows it. */
    public long headPosition() {
        return chain.head();
    }

    @Override
    public void close() {
        appender.close();
    }

    private static GenericDomainEventEntry<String> domainEntry(Document commit, Document event) {
        return new GenericDomainEventEntry<>(commit.getString(CommitChain.AGGREGATE_TYPE),
                commit.getString(CommitChain.AGGREGATE), event.getLong("seq"), event.getString("id"),
                event.getString("ts"), event.getString("type"), event.getString("rev"),
                event.getString("payload"), event.getString("meta"));
    }

    /**
     * Reads the chain from a position in batches: {@code _id $in} the next {@code batchSize}
     * positions, then follows commit to commit. The stream ends at the head; the caller polls again.
     */
    private final class ChainSpliterator extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

        private long nextCommit;
        private long skipUntil;
        private int windowSize = Math.min(16, batchSize);
        private boolean resumed;
        private Iterator<TrackedEventData<?>> current = java.util.Collections.emptyIterator();
        private final long lastSeen;

        private ChainSpliterator(long lastSeen) {
            super(Long.MAX_VALUE, ORDERED | NONNULL);
            this.lastSeen = lastSeen;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            if (!current.hasNext()) {
                current = nextBatch().iterator();
                if (!current.hasNext()) {
                    return false;
                }
            }
            action.accept(current.next());
            return true;
        }

        private List<TrackedEventData<?>> nextBatch() {
            if (!resumed) {
                long[] resume = chain.resumeAfter(lastSeen);
                nextCommit = resume[0];
                skipUntil = lastSeen;
                resumed = true;
            }
            long windowStart = nextCommit;
            TreeMap<Long, Document> window = chain.commitsAt(nextCommit, nextCommit + windowSize);
            List<TrackedEventData<?>> batch = new ArrayList<>();
            Document commit;
            while ((commit = window.get(nextCommit)) != null) {
                List<Document> events = commit.getList(CommitChain.EVENTS, Document.class);
                for (int i = 0; i < events.size(); i++) {
                    long position = nextCommit + i;
                    if (position > skipUntil) {
                        batch.add(tracked(commit, events.get(i), position));
                    }
                }
                nextCommit += events.size();
            }
            // A reader near the head finds a few new commits; one replaying finds full windows.
            windowSize = nextCommit - windowStart >= windowSize ? Math.min(batchSize, windowSize * 2) : windowSize;
            return batch;
        }

        private TrackedEventData<?> tracked(Document commit, Document event, long position) {
            TrackingToken token = new GlobalSequenceTrackingToken(position);
            if (event.getLong("seq") != null) {
                return new TrackedDomainEventData<>(token, domainEntry(commit, event));
            }
            return new TrackedEntry(token, event);
        }
    }

    /** Whether a commit starts at {@code position} (one lookup by {@code _id}). */
    public boolean hasCommitAt(long position) {
        return chain.isTaken(position);
    }

    /** Used in tests and by the benchmark to look at what is stored. */
    Map<Long, Document> commitsBetween(long fromInclusive, long toExclusive) {
        return chain.commitsAt(fromInclusive, toExclusive);
    }

    public static class Builder extends AbstractEventStorageEngine.Builder {

        private MongoDatabase database;
        private String commitsCollection = "events";
        private String snapshotsCollection = "snapshots";
        private String metaCollection = "event_store_meta";
        private int batchSize = 256;
        private int maxCommitsPerWrite = 256;
        private String recordedByKey = "recordedBy";
        private Function<EventMessage<?>, Optional<CommitKey>> keyOf = event -> Optional.empty();
        private Function<CommitKey, RuntimeException> whenKeyTaken =
                key -> new EventStoreException("The key " + key.value() + " is already claimed");

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder collections(String commits, String snapshots, String meta) {
            this.commitsCollection = commits;
            this.snapshotsCollection = snapshots;
            this.metaCollection = meta;
            return this;
        }

        /** How many positions one tracking read asks for, and how many stream keys one aggregate read. */
        public Builder batchSize(int batchSize) {
            assertThat(batchSize, size -> size > 0, "The batch size must be positive");
            this.batchSize = batchSize;
            return this;
        }

        /** The metadata key naming who recorded an event, which its transparency-log leaf names. */
        public Builder recordedByKey(String recordedByKey) {
            assertNonNull(recordedByKey, "The recordedBy key may not be null");
            this.recordedByKey = recordedByKey;
            return this;
        }

        /**
         * The unique key an event claims for its commit ({@link CommitKey}), and the exception a command gets when
         * another commit holds it already. At most one event of a unit of work may claim one.
         */
        public Builder commitKeys(Function<EventMessage<?>, Optional<CommitKey>> keyOf,
                                  Function<CommitKey, RuntimeException> whenKeyTaken) {
            this.keyOf = java.util.Objects.requireNonNull(keyOf, "keyOf");
            this.whenKeyTaken = java.util.Objects.requireNonNull(whenKeyTaken, "whenKeyTaken");
            return this;
        }

        /** How many waiting commits one insert may carry. */
        public Builder maxCommitsPerWrite(int maxCommitsPerWrite) {
            assertThat(maxCommitsPerWrite, size -> size > 0, "maxCommitsPerWrite must be positive");
            this.maxCommitsPerWrite = maxCommitsPerWrite;
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            assertNonNull(database, "The MongoDatabase is a hard requirement");
        }

        public MongoLedgerStorageEngine build() {
            validate();
            return new MongoLedgerStorageEngine(this);
        }
    }
}

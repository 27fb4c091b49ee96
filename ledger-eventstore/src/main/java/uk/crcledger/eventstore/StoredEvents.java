package uk.crcledger.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stored events read by position, as the transparency log needs them: the leaves and payloads
 * exactly as stored, never deserialized. Reads are keyed by {@code _id}, like the engine's.
 */
public final class StoredEvents {

    private final MongoCollection<Document> commits;
    private final CommitChain chain;
    private final String recordedByKey;

    StoredEvents(MongoCollection<Document> commits, CommitChain chain, String recordedByKey) {
        this.commits = commits;
        this.chain = chain;
        this.recordedByKey = recordedByKey;
    }

    /**
     * Up to {@code max} events at consecutive positions from {@code position}, following the chain of
     * commits; fewer when the chain ends (at the head, or where a commit is missing). With
     * {@code giveLegacyLeaves}, an event stored before leaves existed is given its leaf now, stored
     * into its commit, once.
     */
    public List<StoredEvent> from(long position, int max, boolean giveLegacyLeaves) {
        List<StoredEvent> result = new ArrayList<>(Math.min(max, 4096));
        long[] resume = chain.resumeAfter(position - 1);
        long next = resume[0];
        int window = 64;
        while (result.size() < max) {
            long windowEnd = next + window;
            TreeMap<Long, Document> found = chain.commitsAt(next, windowEnd);
            Document commit;
            while (result.size() < max && (commit = found.get(next)) != null) {
                List<Document> events = commit.getList(CommitChain.EVENTS, Document.class);
                for (int i = 0; i < events.size(); i++) {
                    long at = next + i;
                    if (at >= position && result.size() < max) {
                        result.add(stored(commit, events.get(i), i, at, giveLegacyLeaves));
                    }
                }
                next += events.size();
            }
            if (next < windowEnd) {
                // The chain ends inside the window: the head, or a missing commit.
                return result;
            }
            window = Math.min(window * 2, 1024);
        }
        return result;
    }

    /** The event at a position, if one is stored there. */
    public Optional<StoredEvent> at(long position) {
        return at(List.of(position)).stream().findFirst();
    }

    /** The events at the given positions that are stored, by position. */
    public List<StoredEvent> at(Collection<Long> positions) {
        SortedSet<Long> wanted = new TreeSet<>(positions);
        wanted.removeIf(p -> p < 1);
        if (wanted.isEmpty()) {
            return List.of();
        }
        TreeMap<Long, Document> found = chain.commitsHolding(wanted);
        List<StoredEvent> result = new ArrayList<>(wanted.size());
        for (Long position : wanted) {
            Map.Entry<Long, Document> floor = found.floorEntry(position);
            if (floor != null && CommitChain.end(floor.getValue()) > position) {
                int index = (int) (position - floor.getKey());
                result.add(stored(floor.getValue(), floor.getValue().getList(CommitChain.EVENTS, Document.class).get(index),
                        index, position, false));
            }
        }
        return result;
    }

    /**
     * Which of the given aggregates exist (have a first event): one query on the unique stream key
     * per {@value #STREAM_CHUNK} of them, whatever the size of the ledger.
     */
    public java.util.Set<String> existing(Collection<String> aggregateIdentifiers) {
        java.util.Set<String> found = new java.util.HashSet<>();
        List<String> keys = aggregateIdentifiers.stream().map(id -> CommitChain.streamKey(id, 0)).toList();
        for (int from = 0; from < keys.size(); from += STREAM_CHUNK) {
            for (Document commit : commits.find(Filters.in(CommitChain.STREAM,
                    keys.subList(from, Math.min(keys.size(), from + STREAM_CHUNK))))) {
                found.add(commit.getString(CommitChain.AGGREGATE));
            }
        }
        return found;
    }

    private static final int STREAM_CHUNK = 128;

    /** The positions of every event of one aggregate, in order. */
    public List<Long> positionsOf(String aggregateIdentifier) {
        List<Long> positions = new ArrayList<>();
        for (Document commit : chain.aggregateCommits(aggregateIdentifier, 0, 256)) {
            long first = commit.getLong(CommitChain.ID);
            int count = commit.getList(CommitChain.EVENTS, Document.class).size();
            for (int i = 0; i < count; i++) {
                positions.add(first + i);
            }
        }
        return positions;
    }

    private StoredEvent stored(Document commit, Document event, int index, long position, boolean giveLegacyLeaf) {
        String leaf = event.getString(EventLeaves.LEAF);
        if (leaf == null && giveLegacyLeaf) {
            leaf = EventLeaves.canonical(EventLeaves.legacyLeaf(commit, event, position, recordedByKey));
            // Only where there is none: a leaf once stored is never replaced.
            String field = CommitChain.EVENTS + "." + index + "." + EventLeaves.LEAF;
            commits.updateOne(Filters.and(Filters.eq(CommitChain.ID, commit.getLong(CommitChain.ID)),
                    Filters.exists(field, false)), Updates.set(field, leaf));
            leaf = chain.commitAt(commit.getLong(CommitChain.ID)).getList(CommitChain.EVENTS, Document.class)
                    .get(index).getString(EventLeaves.LEAF);
        }
        return new StoredEvent(position, commit.getLong(CommitChain.ID), event.getString("id"),
                event.get("seq") == null ? null : commit.getString(CommitChain.AGGREGATE), event.getLong("seq"),
                leaf, event.getString("payload"));
    }
}

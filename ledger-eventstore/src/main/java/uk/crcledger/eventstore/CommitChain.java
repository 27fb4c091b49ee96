package uk.crcledger.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The layout of the commits collection and the reads that follow its chain of positions.
 * <p>
 * One document per commit (the events of one command), stored in one insert, so a commit is there
 * whole or not at all, on a server without transactions too:
 * <pre>
 * { _id: 41,                      ledger position of the commit's first event
 *   commit: "uuid",              who wrote it (to recognise our own write after a lost reply)
 *   stream: "aggregateId#3",     unique: aggregate id and first sequence number; "~" + commit
 *                                 id for a commit without aggregate events
 *   aggregate: "...", type: "...", at: Date (time of the first event),
 *   key: "entry-id", keyKind: "...",   optional, unique ({@link CommitKey}): what the commit records
 *   events: [ { id, ts, seq, type, rev, payload, meta } ] }   events at positions 41, 42, ...
 * </pre>
 * Every read is keyed by {@code _id} or by the unique {@code stream} key, exact or {@code $in},
 * because those are the only reads the embedded server answers from an index; a real MongoDB
 * answers them from its indexes too, so their cost does not grow with the ledger.
 */
final class CommitChain {

    static final String ID = "_id";
    static final String COMMIT_ID = "commit";
    static final String STREAM = "stream";
    static final String AGGREGATE = "aggregate";
    static final String AGGREGATE_TYPE = "type";
    static final String AT = "at";
    static final String EVENTS = "events";
    static final String KEY = "key";
    static final String KEY_KIND = "keyKind";

    private static final String HEAD_HINT_ID = "events-head";
    private static final int PROBE_WINDOW = 512;

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> meta;
    private final int maxEventsPerCommit;

    CommitChain(MongoCollection<Document> commits, MongoCollection<Document> meta, int maxEventsPerCommit) {
        this.commits = commits;
        this.meta = meta;
        this.maxEventsPerCommit = maxEventsPerCommit;
    }

    static String streamKey(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + "#" + sequenceNumber;
    }

    static long end(Document commit) {
        return commit.getLong(ID) + commit.getList(EVENTS, Document.class).size();
    }

    Document commitAt(long position) {
        return commits.find(Filters.eq(ID, position)).first();
    }

    boolean isTaken(long position) {
        return commitAt(position) != null;
    }

    /** The commit that claimed {@code key}, if any (one lookup through the unique key index). */
    Document commitClaiming(String key) {
        return commits.find(Filters.eq(KEY, key)).first();
    }

    /** The commits whose positions are among the given ones, by position. */
    TreeMap<Long, Document> commitsAt(long fromInclusive, long toExclusive) {
        return commitsIn(LongStream.range(Math.max(1, fromInclusive), toExclusive).boxed().toList());
    }

    /**
     * The commits that start at any of the given positions, {@value #IN_CHUNK} positions per query:
     * the embedded server finds each one through the index but then checks every document found
     * against the whole {@code $in} list, so one query's cost grows with the square of its length.
     */
    TreeMap<Long, Document> commitsIn(java.util.Collection<Long> positions) {
        TreeMap<Long, Document> found = new TreeMap<>();
        List<Long> all = List.copyOf(positions);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            for (Document commit : commits.find(Filters.in(ID, all.subList(from, Math.min(all.size(), from + IN_CHUNK))))) {
                found.put(commit.getLong(ID), commit);
            }
        }
        return found;
    }

    private static final int IN_CHUNK = 128;

    /**
     * The commits holding the given positions, by position: those that start there, and for a
     * position inside a commit of several events the commit a little before it that holds it.
     */
    TreeMap<Long, Document> commitsHolding(java.util.SortedSet<Long> positions) {
        TreeMap<Long, Document> found = commitsIn(positions);
        java.util.SortedSet<Long> candidates = new java.util.TreeSet<>();
        for (Long position : positions) {
            Map.Entry<Long, Document> floor = found.floorEntry(position);
            if (floor == null || end(floor.getValue()) <= position) {
                for (long p = Math.max(1, position - maxEventsPerCommit + 1); p < position; p++) {
                    if (!found.containsKey(p)) {
                        candidates.add(p);
                    }
                }
            }
        }
        if (!candidates.isEmpty()) {
            found.putAll(commitsIn(candidates));
        }
        return found;
    }

    /**
     * Where the first commit holding a position after {@code lastPosition} starts, and how many of its
     * events were already seen: a token may stop in the middle of a commit.
     */
    long[] resumeAfter(long lastPosition) {
        long wanted = lastPosition + 1;
        if (isTaken(wanted)) {
            // The usual case: the token stopped at the end of a commit.
            return new long[] {wanted, 0};
        }
        TreeMap<Long, Document> around = commitsAt(wanted - maxEventsPerCommit + 1, wanted + 1);
        Map.Entry<Long, Document> floor = around.floorEntry(wanted);
        if (floor != null && end(floor.getValue()) > wanted) {
            return new long[] {floor.getKey(), wanted - floor.getKey()};
        }
        return new long[] {wanted, 0};
    }

    /**
     * Follows the chain from a position known to start a commit (or to be the next free one) to
     * the first free position: the head.
     */
    long headFrom(long position) {
        long next = Math.max(1, position);
        while (true) {
            long windowEnd = next + PROBE_WINDOW;
            TreeMap<Long, Document> window = commitsAt(next, windowEnd);
            Document commit;
            while ((commit = window.get(next)) != null) {
                next = end(commit);
            }
            if (next < windowEnd) {
                return next;
            }
        }
    }

    /** The head, starting from the last hint (written now and then, never ahead of the chain). */
    long head() {
        Document hint = meta.find(Filters.eq(ID, HEAD_HINT_ID)).first();
        return headFrom(hint == null ? 1 : hint.getLong("next"));
    }

    void writeHeadHint(long next) {
        meta.replaceOne(Filters.eq(ID, HEAD_HINT_ID), new Document(ID, HEAD_HINT_ID).append("next", next),
                new ReplaceOptions().upsert(true));
    }

    /**
     * The commits of one aggregate from the one holding {@code firstSequenceNumber}, following
     * stream keys. One query fetches a run of guessed keys (commits usually hold one event each),
     * starting with a few and growing to {@code batch}, so a short stream costs one round trip and a
     * long one about n / batch.
     */
    List<Document> aggregateCommits(String aggregateIdentifier, long firstSequenceNumber, int batch) {
        List<Document> result = new ArrayList<>();
        long next = firstSequenceNumber;
        // Most aggregates are short: guess a few keys first, then more as the stream goes on.
        int window = Math.min(8, batch);
        // From a sequence number after the first, the same query also looks a little back, since the number may
        // fall inside a commit (a snapshot taken mid-commit): a check for newer events is one round trip.
        long lookBackFrom = firstSequenceNumber > 0
                ? Math.max(0, firstSequenceNumber - maxEventsPerCommit + 1) : firstSequenceNumber;
        while (true) {
            long windowEnd = next + window;
            window = Math.min(window * 4, batch);
            Map<String, Document> found = byStream(aggregateIdentifier, Math.min(lookBackFrom, next), windowEnd);
            if (lookBackFrom < firstSequenceNumber) {
                for (long seq = firstSequenceNumber - 1; seq >= lookBackFrom; seq--) {
                    Document commit = found.get(streamKey(aggregateIdentifier, seq));
                    if (commit != null) {
                        long last = lastSequence(commit);
                        if (last >= firstSequenceNumber) {
                            result.add(commit);
                            next = last + 1;
                        }
                        break;
                    }
                }
                lookBackFrom = firstSequenceNumber;
                if (next >= windowEnd) {
                    continue;
                }
            }
            Document commit;
            while ((commit = found.get(streamKey(aggregateIdentifier, next))) != null) {
                result.add(commit);
                next = lastSequence(commit) + 1;
            }
            // A commit holding the next sequence number would start inside the window we read.
            if (next < windowEnd) {
                return result;
            }
        }
    }

    private Map<String, Document> byStream(String aggregateIdentifier, long fromSeq, long toSeqExclusive) {
        List<String> keys = LongStream.range(fromSeq, toSeqExclusive)
                .mapToObj(seq -> streamKey(aggregateIdentifier, seq)).toList();
        return commits.find(Filters.in(STREAM, keys)).into(new ArrayList<>()).stream()
                .collect(Collectors.toMap(d -> d.getString(STREAM), Function.identity(), (a, b) -> a));
    }

    static long lastSequence(Document commit) {
        return commit.getList(EVENTS, Document.class).stream()
                .map(e -> e.getLong("seq"))
                .filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElseThrow();
    }
}

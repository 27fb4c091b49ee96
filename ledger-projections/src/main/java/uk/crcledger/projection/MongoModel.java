package uk.crcledger.projection;

import com.fasterxml.jackson.databind.JavaType;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The read model in MongoDB, for one version of the collections.
 * <p>
 * <b>Shared documents</b> (a CRC's or provider's timeline, a register) are append-only logs of
 * versions, kept in {@value #BUCKETS} buckets, the bucket chosen by the contribution's sequence the
 * way Axon chooses a segment ({@code hashCode & mask}); a segment's mask keeps no more bits than the
 * bucket's, so each bucket has one writer and needs no lock, and that writer appends in ledger order.
 * A bucket is a head document {@code <id>|<bucket>} holding the latest versions (at most
 * {@value #PAGE}) and the number of full pages before them, {@code <id>|<bucket>|<page>}, which are
 * written once and never again.
 * <p>
 * Why: a batch rewrites only the heads it touches, so recording an entry costs the same however long
 * its CRC's history is, and a replay's cost stays linear in the number of events. Appending needs no
 * parsing: a head's JSON array gets the new versions' bytes spliced in. A head remembers the last
 * position appended, so a batch replayed after a crash appends nothing twice, and a rebuild writes
 * the same documents whatever its batch boundaries.
 * <p>
 * Readers fetch the heads with one {@code _id $in}, then the pages they name, and group the versions
 * by key. Entries are one document each. Every read and write is by {@code _id}, in bulk per batch.
 */
public class MongoModel implements ModelReader {

    /** The most segments the processor may be split into. */
    public static final int MAX_SEGMENTS = 16;
    /**
     * Buckets of a shared document: a multiple of {@link #MAX_SEGMENTS}, so that a bucket belongs to
     * one segment. Changing it changes where contributions are stored: bump {@link #LAYOUT} with it.
     */
    public static final int BUCKETS = 16;
    /** Versions in a bucket's head before it is written out as a page of its own. */
    static final int PAGE = 64;
    /**
     * The storage layout's version; a read model stored in another layout is rebuilt. 4: typed
     * records as JSON, every version of a contribution kept (as-of answers select, not replay), shared
     * documents as append-only pages. 5: entries and bucket heads name the position they were written
     * up to in an indexed field ({@link PositionFence}), no longer in the head's bytes. 6: each CRC's
     * contract entries also in a document of their own ({@link ReadModelCollections#CRC_CONTRACTS}).
     */
    public static final int LAYOUT = 6;
    /** Ids per {@code $in} query when a batch loads the buckets it touches. */
    private static final int LOAD_CHUNK = 50;
    private static final List<Integer> ALL_BUCKETS = IntStream.range(0, BUCKETS).boxed().toList();

    private final MongoDatabase database;
    private final ReadModelCollections names;

    public MongoModel(MongoDatabase database, ReadModelCollections names) {
        this.database = database;
        this.names = names;
    }

    /** Creates the indexes the writes rely on (once per version of the collections: see {@link ReadModelStore}). */
    void index() {
        for (String base : ReadModelCollections.ALL) {
            PositionFence.index(collection(base));
        }
    }

    @Override
    public <E> Optional<E> entry(String entryId, Class<E> type) {
        byte[] json = Packed.unpack(collection(ReadModelCollections.ENTRIES).find(Filters.eq("_id", entryId)).first());
        return Optional.ofNullable(json == null ? null : ReadModelJson.read(json, ReadModelJson.type(type)));
    }

    @Override
    public <E> List<E> entries(Collection<String> entryIds, Class<E> type) {
        if (entryIds.isEmpty()) {
            return List.of();
        }
        JavaType javaType = ReadModelJson.type(type);
        List<E> found = new ArrayList<>();
        findByIds(ReadModelCollections.ENTRIES, entryIds,
                stored -> found.add(ReadModelJson.read(Packed.unpack(stored), javaType)));
        return found;
    }

    @Override
    public <V> Map<String, List<Version<V>>> shared(String collection, String docId, Class<V> valueType) {
        Map<String, List<Version<V>>> all = new TreeMap<>();
        sharedInParts(collection, docId, valueType, part -> part.forEach((key, versions) -> all.merge(key, versions,
                (a, b) -> {
                    List<Version<V>> both = new ArrayList<>(a);
                    both.addAll(b);
                    both.sort(java.util.Comparator.comparingLong(Version::position));
                    return both;
                })));
        return all;
    }

    /** A part is a bucket: its head and the pages it names. */
    @Override
    public <V> void sharedInParts(String collection, String docId, Class<V> valueType,
                                  java.util.function.Consumer<Map<String, List<Version<V>>>> eachPart) {
        List<String> ids = ALL_BUCKETS.stream().map(b -> bucketId(docId, b)).toList();
        List<Document> heads = collection(collection).find(Filters.in("_id", ids)).into(new ArrayList<>());
        JavaType type = ReadModelJson.pageType(valueType);
        for (Document head : heads) {
            List<byte[]> found = new ArrayList<>();
            found.add(Head.versions(head));
            List<String> pages = new ArrayList<>();
            for (int page = 0; page < Head.sealed(head); page++) {
                pages.add(head.getString("_id") + "|" + page);
            }
            findByIds(collection, pages, page -> found.add(Packed.unpack(page)));
            Map<String, List<Version<V>>> part = new java.util.HashMap<>();
            for (byte[] json : found) {
                List<SharedVersion<V>> versions = ReadModelJson.read(json, type);
                for (SharedVersion<V> version : versions) {
                    part.computeIfAbsent(version.key(), k -> new ArrayList<>()).add(version.version());
                }
            }
            // Pages come in no particular order; within a key, positions are distinct.
            part.values().forEach(versions -> versions.sort(java.util.Comparator.comparingLong(Version::position)));
            eachPart.accept(part);
        }
    }

    /** A writer that collects one processing batch's writes; {@link Batch#flush()} sends them. */
    public Batch batch() {
        return new Batch();
    }

    static String bucketId(String docId, int bucket) {
        return docId + "|" + bucket;
    }

    /** The bucket of a sequence: its low bits are the segment Axon gives the sequence, for any segment count. */
    static int bucketOf(String sequence) {
        return Objects.hashCode(sequence) & (BUCKETS - 1);
    }

    /**
     * The stored documents with these ids, {@value #LOAD_CHUNK} ids per {@code _id $in}: the embedded
     * server finds each through the index but checks every hit against the whole list.
     */
    private void findByIds(String collection, Collection<String> ids, java.util.function.Consumer<Document> each) {
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += LOAD_CHUNK) {
            collection(collection).find(Filters.in("_id", all.subList(from, Math.min(all.size(), from + LOAD_CHUNK))))
                    .forEach(each);
        }
    }

    private MongoCollection<Document> collection(String base) {
        return database.getCollection(names.of(base));
    }

    public final class Batch implements ModelWriter {

        private final Map<String, Object> entries = new LinkedHashMap<>();
        /** Entries whose first event is in this batch: inserted (cheap), not replaced. */
        private final java.util.Set<String> created = new java.util.LinkedHashSet<>();
        /** Contributions in the order the events made them. */
        private final List<Contribution> pending = new ArrayList<>();

        /** Entries read ahead for this batch (see {@link #prefetch}), as stored. */
        private final Map<String, Object> prefetched = new java.util.HashMap<>();
        /** The position each entry read by this batch was stored up to: a write replaces only that. */
        private final Map<String, Long> readUpTo = new java.util.HashMap<>();
        /** The position each entry this batch writes is written up to. */
        private final Map<String, Long> upTo = new java.util.HashMap<>();

        @Override
        public <E> E currentEntry(String entryId, Class<E> type) {
            Object cached = entries.containsKey(entryId) ? entries.get(entryId) : prefetched.get(entryId);
            if (cached != null || prefetched.containsKey(entryId)) {
                return type.cast(cached);
            }
            Document stored = collection(ReadModelCollections.ENTRIES).find(Filters.eq("_id", entryId)).first();
            return stored == null ? null : type.cast(read(stored, ReadModelJson.type(type)));
        }

        /** Reads the entries this batch will revise, a chunk of ids per round trip; absent ones are remembered as such. */
        public void prefetch(Collection<String> entryIds, Class<?> type) {
            entryIds.forEach(id -> prefetched.put(id, null));
            JavaType javaType = ReadModelJson.type(type);
            findByIds(ReadModelCollections.ENTRIES, entryIds,
                    stored -> prefetched.put(stored.getString("_id"), read(stored, javaType)));
        }

        private Object read(Document stored, JavaType type) {
            readUpTo.put(stored.getString("_id"), PositionFence.upTo(stored));
            return ReadModelJson.read(Packed.unpack(stored), type);
        }

        @Override
        public void saveEntry(String entryId, Object entry, long position) {
            entries.put(entryId, entry);
            upTo.put(entryId, position);
        }

        @Override
        public void createEntry(String entryId, Object entry, long position) {
            saveEntry(entryId, entry, position);
            created.add(entryId);
        }

        @Override
        public void contribute(String collection, String docId, String sequence, String key, Version<?> version) {
            pending.add(new Contribution(collection, bucketId(docId, bucketOf(sequence)), version.position(),
                    ReadModelJson.write(new SharedVersion<>(key, version.position(), version.at(), version.value()))));
        }

        /**
         * Sends the batch: shared documents first, then entries, so a reader that finds an entry's
         * revision finds everything it spread.
         */
        public void flush() {
            Map<String, Map<String, Head>> heads = new LinkedHashMap<>();
            for (Contribution c : pending) {
                heads.computeIfAbsent(c.collection(), k -> new LinkedHashMap<>()).put(c.bucketId(), null);
            }
            heads.forEach(this::load);
            Map<String, List<Document>> pages = new LinkedHashMap<>();
            for (Contribution c : pending) {
                Head head = heads.get(c.collection()).get(c.bucketId());
                if (c.position() <= head.last) {
                    continue; // appended by this batch's first run, before a crash
                }
                head.append(c.json(), c.position());
                if (head.count == PAGE) {
                    pages.computeIfAbsent(c.collection(), k -> new ArrayList<>())
                            .add(Packed.pack(c.bucketId() + "|" + head.sealed, head.bytes()));
                    head.seal();
                }
            }
            // A page already there has the same versions: a bucket's log is the same whoever appends it.
            pages.forEach((collection, sealed) -> PositionFence.duplicatesOf(collection(collection), sealed));
            heads.forEach((collection, loaded) -> {
                List<PositionFence.Part> changed = new ArrayList<>();
                loaded.forEach((id, head) -> {
                    if (head.changed) {
                        changed.add(new PositionFence.Part(id, head.document(id), head.readUpTo, head.last));
                    }
                });
                PositionFence.write(collection(collection), changed);
            });
            List<PositionFence.Part> written = new ArrayList<>();
            entries.forEach((id, entry) -> written.add(new PositionFence.Part(id,
                    Packed.pack(id, ReadModelJson.write(entry)), created.contains(id) ? null : readUpTo.get(id),
                    upTo.get(id))));
            PositionFence.write(collection(ReadModelCollections.ENTRIES), written);
            entries.clear();
            created.clear();
            pending.clear();
            prefetched.clear();
            readUpTo.clear();
            upTo.clear();
        }

        /** Fills in the stored heads (a new one starts empty), a chunk of ids per round trip. */
        private void load(String collection, Map<String, Head> heads) {
            List<String> ids = new ArrayList<>(heads.keySet());
            for (String id : ids) {
                heads.put(id, new Head());
            }
            findByIds(collection, ids, found -> heads.put(found.getString("_id"), Head.of(found)));
        }
    }

    /**
     * A bucket's head as a batch appends to it: the versions' JSON array as bytes (spliced, never
     * parsed), how many versions it holds, how many pages came before, and the last position appended
     * (stored as the position the head is written up to, {@link PositionFence}).
     */
    private static final class Head {

        private final java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
        private int count;
        private int sealed;
        private long last;
        /** The last position appended as the head was read; null for a new head. */
        private Long readUpTo;
        private boolean changed;

        Head() {
            json.write('[');
        }

        static Head of(Document stored) {
            Head head = new Head();
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(Packed.unpack(stored));
            head.count = bytes.getInt();
            head.sealed = bytes.getInt();
            head.readUpTo = PositionFence.upTo(stored);
            head.last = head.readUpTo;
            head.json.reset();
            // the array without its closing bracket
            head.json.write(bytes.array(), HEADER_BYTES, bytes.capacity() - HEADER_BYTES - 1);
            return head;
        }

        void append(byte[] version, long position) {
            if (count > 0) {
                json.write(',');
            }
            json.write(version, 0, version.length);
            count++;
            last = position;
            changed = true;
        }

        byte[] bytes() {
            byte[] open = json.toByteArray();
            byte[] closed = java.util.Arrays.copyOf(open, open.length + 1);
            closed[open.length] = ']';
            return closed;
        }

        void seal() {
            json.reset();
            json.write('[');
            count = 0;
            sealed++;
        }

        /**
         * The head as stored: its count and pages ahead of the JSON in the one binary field, since the
         * embedded server serializes every further field on its own.
         */
        Document document(String id) {
            byte[] array = bytes();
            java.nio.ByteBuffer stored = java.nio.ByteBuffer.allocate(HEADER_BYTES + array.length);
            stored.putInt(count).putInt(sealed).put(array);
            return Packed.pack(id, stored.array());
        }

        /** The versions of a stored head: its JSON array. */
        static byte[] versions(Document stored) {
            byte[] bytes = Packed.unpack(stored);
            return java.util.Arrays.copyOfRange(bytes, HEADER_BYTES, bytes.length);
        }

        static int sealed(Document stored) {
            return java.nio.ByteBuffer.wrap(Packed.unpack(stored)).getInt(Integer.BYTES);
        }
    }

    private static final int HEADER_BYTES = 2 * Integer.BYTES;

    private record Contribution(String collection, String bucketId, long position, byte[] json) {
    }
}

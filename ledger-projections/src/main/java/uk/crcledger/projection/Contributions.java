package uk.crcledger.projection;

import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/** The layout of a shared document: contributions under {@code c}, event positions under {@code events}. */
public final class Contributions {

    public static final String FIELD = "c";
    public static final String EVENTS = "events";
    public static final String VERSION = "v";
    public static final String REMOVED = "removed";

    private Contributions() {
    }

    /**
     * A key usable as a field name: entry ids may contain dots, which MongoDB reads as paths.
     * '~' is not allowed in ids, so the mapping cannot collide.
     */
    public static String key(String id) {
        return id.replace('.', '~');
    }

    /** The live contributions of a shared document (tombstones left out), in key order. */
    public static List<Document> live(Document shared) {
        List<Document> result = new ArrayList<>();
        if (shared == null) {
            return result;
        }
        Document all = shared.get(FIELD, Document.class);
        if (all == null) {
            return result;
        }
        all.keySet().stream().sorted().forEach(k -> {
            Document c = all.get(k, Document.class);
            if (!Boolean.TRUE.equals(c.getBoolean(REMOVED))) {
                result.add(c);
            }
        });
        return result;
    }

    /**
     * Merges one contribution into a shared document in memory: kept unless one at least as new is
     * there; the event's position joins the document's sorted list.
     */
    public static void merge(Document doc, String key, Document contribution, long version,
                             java.util.Collection<Long> positions) {
        Document all = doc.get(FIELD, Document.class);
        if (all == null) {
            all = new Document();
            doc.put(FIELD, all);
        }
        Document current = all.get(key, Document.class);
        if (current == null || current.getLong(VERSION) < version) {
            Document value = contribution == null ? new Document(REMOVED, true) : new Document(contribution);
            value.put(VERSION, version);
            all.put(key, value);
        }
        for (Long position : positions) {
            addPosition(doc, position);
        }
    }

    /** Inserts a position into the document's sorted list, once. */
    private static void addPosition(Document doc, long position) {
        @SuppressWarnings("unchecked")
        List<Object> events = (List<Object>) doc.get(EVENTS);
        if (events == null) {
            events = new ArrayList<>();
            doc.put(EVENTS, events);
        } else if (!(events instanceof ArrayList)) {
            events = new ArrayList<>(events);
            doc.put(EVENTS, events);
        }
        int low = 0;
        int high = events.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long value = ((Number) events.get(middle)).longValue();
            if (value < position) {
                low = middle + 1;
            } else if (value > position) {
                high = middle - 1;
            } else {
                return;
            }
        }
        events.add(low, position);
    }

    /**
     * Combines the parts of a shared document (each written by one segment) into one: their
     * contributions have distinct keys, their event lists are joined in order.
     */
    public static Document combine(String id, List<Document> parts) {
        if (parts.isEmpty()) {
            return null;
        }
        Document combined = new Document("_id", id);
        java.util.TreeMap<String, Object> all = new java.util.TreeMap<>();
        java.util.TreeSet<Long> events = new java.util.TreeSet<>();
        for (Document part : parts) {
            Document c = part.get(FIELD, Document.class);
            if (c != null) {
                all.putAll(c);
            }
            events.addAll(events(part));
        }
        combined.put(FIELD, new Document(all));
        combined.put(EVENTS, new ArrayList<>(events));
        return combined;
    }

    /** The positions of the events that concern a shared document. */
    public static List<Long> events(Document shared) {
        List<Long> positions = new ArrayList<>();
        if (shared != null && shared.get(EVENTS) != null) {
            for (Object p : shared.getList(EVENTS, Object.class)) {
                positions.add(((Number) p).longValue());
            }
        }
        return positions;
    }
}

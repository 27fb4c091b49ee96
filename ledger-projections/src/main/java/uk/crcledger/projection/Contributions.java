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

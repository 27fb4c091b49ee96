package uk.crcledger.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bson.Document;
import uk.crcledger.tlog.leaf.LedgerLeaf;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Each event's transparency-log leaf ({@link LedgerLeaf}): canonical JSON naming the event and the
 * SHA-256 of its payload's stored bytes, kept in the event's {@value #LEAF} field.
 * <p>
 * The leaf names the event's ledger position, which is known only when the appender claims it, so
 * the leaf is made there, just before the insert that claims the position (and again if a retry
 * moves the commit to another position). From then on the stored string is the leaf: it is never
 * rebuilt from objects, so a library upgrade cannot change what the log committed to. Its bytes are
 * the string's UTF-8 encoding, which is what BSON stores.
 */
public final class EventLeaves {

    /** The field of a stored event that holds its leaf. */
    static final String LEAF = "leaf";
    /** Who recorded an event, from its metadata; events without one are attributed to the system. */
    static final String UNATTRIBUTED = "system";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventLeaves() {
    }

    /** The hex SHA-256 of a payload as stored: its UTF-8 bytes. */
    public static String payloadSha256(String payload) {
        return LedgerLeaf.sha256Hex(payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Sets the leaf of every event of a commit whose first event is at {@code firstPosition}. */
    static void stamp(Document commit, long firstPosition, List<String> recordedBy) {
        List<Document> events = commit.getList(CommitChain.EVENTS, Document.class);
        for (int i = 0; i < events.size(); i++) {
            events.get(i).put(LEAF, canonical(leafOf(commit, events.get(i), firstPosition + i, recordedBy.get(i))));
        }
    }

    /**
     * The leaf of an event stored before leaves existed, from what was stored: its recorder is read
     * from the stored metadata. Used once, when the integrator first reaches such an event.
     */
    static LedgerLeaf legacyLeaf(Document commit, Document event, long position, String recordedByKey) {
        return leafOf(commit, event, position, recordedByIn(event.getString("meta"), recordedByKey));
    }

    static String canonical(LedgerLeaf leaf) {
        return new String(leaf.canonicalBytes(), StandardCharsets.UTF_8);
    }

    static LedgerLeaf leafOf(Document commit, Document event, long position, String recordedBy) {
        return new LedgerLeaf(position, event.getString("id"), event.getString("type"),
                event.get("seq") == null ? null : commit.getString(CommitChain.AGGREGATE),
                event.getLong("seq"), event.getString("ts"), recordedBy,
                payloadSha256(event.getString("payload")));
    }

    static String recordedByIn(String metaJson, String recordedByKey) {
        if (metaJson == null) {
            return UNATTRIBUTED;
        }
        try {
            JsonNode value = JSON.readTree(metaJson).get(recordedByKey);
            return value == null || !value.isTextual() ? UNATTRIBUTED : value.asText();
        } catch (java.io.IOException e) {
            return UNATTRIBUTED;
        }
    }
}

package uk.crcledger.projection;

import org.bson.Document;
import org.bson.types.Binary;

/**
 * Read-model documents are stored as {@code {_id, json: <the record's JSON bytes>}}.
 * <p>
 * Why: the embedded server's H2 backend stores each nested value of a document through Java
 * serialization, one {@code ObjectOutputStream} per value; profiling a replay showed most of the
 * time there. One binary field costs it one array copy, and the server still answers every read by
 * {@code _id} from its index. Read models are never queried by their fields (only by {@code _id})
 * and never backed up (they are rebuilt from the events), so nothing is lost by it. JSON rather than
 * BSON because the records are written by Jackson, like the events they come from.
 */
final class Packed {

    static final String JSON = "json";

    private Packed() {
    }

    static Document pack(String id, byte[] json) {
        return new Document("_id", id).append(JSON, new Binary(json));
    }

    static byte[] unpack(Document stored) {
        return stored == null ? null : stored.get(JSON, Binary.class).getData();
    }
}

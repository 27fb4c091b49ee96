package uk.crcledger.projection;

import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Binary;

import java.nio.ByteBuffer;

/**
 * Read-model documents are stored as {@code {_id, bson: <the document's BSON bytes>}}.
 * <p>
 * Why: the embedded server's H2 backend stores each nested value of a document through Java
 * serialization, one {@code ObjectOutputStream} per value; profiling a replay showed most of the
 * time there. One binary field costs it one array copy, and the server still answers every read by
 * {@code _id} from its index. Read models are never queried by their fields (only by {@code _id})
 * and never backed up (they are rebuilt from the events), so nothing is lost by it.
 */
final class Packed {

    static final String BSON = "bson";
    private static final DocumentCodec CODEC = new DocumentCodec();

    private Packed() {
    }

    static Document pack(Document document) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            CODEC.encode(writer, document, EncoderContext.builder().build());
        }
        return new Document("_id", document.get("_id")).append(BSON, new Binary(buffer.toByteArray()));
    }

    static Document unpack(Document stored) {
        if (stored == null) {
            return null;
        }
        Binary bytes = stored.get(BSON, Binary.class);
        try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(bytes.getData()))) {
            return CODEC.decode(reader, DecoderContext.builder().build());
        }
    }
}

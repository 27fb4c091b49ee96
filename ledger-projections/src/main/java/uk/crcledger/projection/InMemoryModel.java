package uk.crcledger.projection;

import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonDocumentWriter;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The read model in memory, with the same semantics as in MongoDB: used to answer "as the ledger
 * knew it at T" by replaying the few events concerned, through the same projection code. Documents
 * pass through BSON on the way out, so readers get exactly the types MongoDB would give back.
 */
public class InMemoryModel implements ModelWriter, ModelReader {

    private static final DocumentCodec CODEC = new DocumentCodec();

    private final Map<String, Document> entries = new HashMap<>();
    private final Map<String, Map<String, Document>> shared = new HashMap<>();

    @Override
    public Document currentEntry(String entryId) {
        return entries.get(entryId);
    }

    @Override
    public void saveEntry(Document entry) {
        entries.put(entry.getString("_id"), entry);
    }

    @Override
    public void contribute(String collection, String docId, String sequence, String key, Document contribution,
                           long version, java.util.Collection<Long> positions) {
        Document doc = shared.computeIfAbsent(collection, c -> new HashMap<>())
                .computeIfAbsent(docId, id -> new Document("_id", id));
        Contributions.merge(doc, key, contribution, version, positions);
    }

    @Override
    public Optional<Document> entry(String entryId) {
        return Optional.ofNullable(entries.get(entryId)).map(InMemoryModel::copy);
    }

    @Override
    public List<Document> entries(Collection<String> entryIds) {
        List<Document> found = new ArrayList<>();
        for (String id : entryIds) {
            Document entry = entries.get(id);
            if (entry != null) {
                found.add(copy(entry));
            }
        }
        return found;
    }

    @Override
    public Optional<Document> document(String collection, String docId) {
        Document doc = shared.getOrDefault(collection, Map.of()).get(docId);
        return Optional.ofNullable(doc).map(InMemoryModel::copy);
    }

    static Document copy(Document document) {
        BsonDocument bson = new BsonDocument();
        CODEC.encode(new BsonDocumentWriter(bson), document, EncoderContext.builder().build());
        return CODEC.decode(new BsonDocumentReader(bson), DecoderContext.builder().build());
    }
}

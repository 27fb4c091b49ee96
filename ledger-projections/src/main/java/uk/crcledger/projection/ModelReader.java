package uk.crcledger.projection;

import org.bson.Document;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** What the queries read: entries by id and shared documents by id, nothing else (no scans). */
public interface ModelReader {

    Optional<Document> entry(String entryId);

    /** The entries with these ids that exist, in no particular order. */
    List<Document> entries(Collection<String> entryIds);

    Optional<Document> document(String collection, String docId);
}

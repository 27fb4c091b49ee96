package uk.crcledger.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index's schema in one place: the names of its fields and how its text is analysed. Changing
 * anything here changes what is stored, so {@link SearchIndex#FORMAT} goes up with it.
 */
final class SearchFields {

    /** What a document is: one revision of an entry, an entry's bookkeeping, or a registration. */
    static final String KIND = "kind";
    static final String KIND_REVISION = "revision";
    static final String KIND_ENTRY = "entry";
    static final String KIND_REGISTER = "register";

    /** Keys that updates and deletions find documents by. */
    static final String ENTRY_ID = "entryId";
    static final String REVISION_KEY = "revisionKey";
    static final String ENTRY_KEY = "entryKey";
    static final String REGISTER_KEY = "registerKey";

    static final String TYPE = "type";
    static final String CRC = "crc";
    /** The provider the entry's own events name, {@link #NO_PROVIDER} when only contract periods say it. */
    static final String PROVIDER = "provider";
    static final String NO_PROVIDER = "-";
    /** The day it happened, as an epoch day. */
    static final String OCCURRED = "occurred";
    /** The entry's first ledger position: ties in relevance go in ledger order. */
    static final String FIRST_POSITION = "firstPosition";
    static final String REVISION = "revision";
    /** When the revision was recorded, and until when it was the current one (epoch nanos). */
    static final String RECORDED_FROM = "recordedFrom";
    static final String RECORDED_UNTIL = "recordedUntil";
    static final String RETRACTED_AT = "retractedAt";
    /** Never: an open revision, an entry not retracted. */
    static final long OPEN = Long.MAX_VALUE;

    /**
     * Bookkeeping of an entry, stored on its {@link #KIND_ENTRY} document (its own names: Lucene wants
     * one field name indexed one way in every document).
     */
    static final String STATE_FIRST = "state.firstPosition";
    static final String STATE_OPEN = "state.openPosition";
    static final String STATE_REVISIONS = "state.revisions";
    static final String STATE_PROVIDER = "state.provider";
    /** A registration's name and members, on its {@link #KIND_REGISTER} document. */
    static final String NAME = "name";
    static final String MEMBER = "member";

    /** The searched text fields, in {@link EntryText#values()} order, each with its weight. */
    static final Map<String, Float> TEXT = new LinkedHashMap<>();

    static {
        TEXT.put("summary", 2.0f);
        TEXT.put("description", 1.0f);
        TEXT.put("findings", 1.0f);
        TEXT.put("sources", 0.7f);
        TEXT.put("names", 0.7f);
    }

    static List<String> textFields() {
        return List.copyOf(TEXT.keySet());
    }

    /** English stemming, so "breach" finds "breaches" and "cut" finds "cuts". */
    static Analyzer analyzer() {
        return new EnglishAnalyzer();
    }

    private SearchFields() {
    }
}

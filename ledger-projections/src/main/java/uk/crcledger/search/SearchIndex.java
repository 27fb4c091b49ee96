package uk.crcledger.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.crcledger.correction.EntryCorrected;
import uk.crcledger.correction.EntryRetracted;
import uk.crcledger.crc.CrcRegistered;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryRecorded;
import uk.crcledger.entry.EntryType;
import uk.crcledger.provider.ProviderRegistered;
import uk.crcledger.register.Names;
import uk.crcledger.register.ProviderId;
import uk.crcledger.timeline.EntryStatus;
import uk.crcledger.withholding.PayloadWithheld;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static uk.crcledger.search.SearchFields.*;

/**
 * The search index of one app instance, in its own directory: one Lucene document per revision of an
 * entry, each stating the entry's text as that revision did, with when it was recorded and until when
 * it was current. The live answer searches the open revisions; an answer as of T the revisions current
 * at T, the same selection the timelines make.
 * <p>
 * <b>Its position is its own.</b> The index is local to the instance while the processors' tokens are
 * shared in MongoDB, so the index keeps the ledger position it has reached in its Lucene commit's user
 * data: every batch of events and the position after it commit together, and a restart continues
 * from there. The commit also names the index's {@link #FORMAT}; an index in another format, or one
 * that cannot be read, is deleted and built again from the first event.
 * <p>
 * <b>Withheld payloads</b> are not searchable: the revision whose payload is withheld is deleted from
 * the index, so neither its words nor snippets of them can come out of a search (the timelines only
 * mark such revisions; the payload endpoint is what withholds there).
 * <p>
 * Not thread-safe for writing: one {@link SearchIndexer} applies the events; searches may run
 * alongside, on the last refreshed view.
 */
public final class SearchIndex implements AutoCloseable {

    /** Goes up whenever what is indexed, or how, changes: an index in another format is rebuilt. */
    public static final String FORMAT = "2";

    /**
     * How often applied batches are made durable. A commit costs several fsyncs; committing each recorded entry as it
     * came kept the embedded store's disk busy for every recording (about 1000 fsyncs a second under load). Until the
     * next commit a crash loses nothing but index work: the index reopens at its last commit and its follower applies
     * the events since then again.
     */
    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

    /**
     * The searched text, stored for the snippets, with its words' offsets in the postings: the highlighter then reads
     * where the words are instead of analysing each hit's text again (format 2).
     */
    private static final FieldType SEARCHED_TEXT = new FieldType(TextField.TYPE_STORED);

    static {
        SEARCHED_TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        SEARCHED_TEXT.freeze();
    }

    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    private static final String FORMAT_KEY = "format";
    private static final String POSITION_KEY = "position";
    private static final String BUILD_UNTIL_KEY = "buildUntil";
    /** Search results are for reading, not for harvesting: deeper pages are refused. */
    public static final int MAX_RESULTS = 1_000;
    private static final int SNIPPETS_PER_FIELD = 2;

    private final Path path;
    private final String format;
    private final Analyzer analyzer = SearchFields.analyzer();
    private final Directory directory;
    private IndexWriter writer;
    private SearcherManager searchers;
    private volatile long position;
    private volatile long searchable;
    private volatile long buildUntil;
    private final Map<String, String> crcNames = new ConcurrentHashMap<>();
    private final Map<String, String> providerNames = new ConcurrentHashMap<>();
    private final Map<String, List<String>> members = new ConcurrentHashMap<>();
    private final Duration commitInterval;
    private long lastCommit;
    private long committedPosition;

    private SearchIndex(Path path, String format, Duration commitInterval) throws IOException {
        this.path = path;
        this.format = format;
        this.commitInterval = commitInterval;
        Files.createDirectories(path);
        this.directory = FSDirectory.open(path);
        open();
    }

    /** The index in {@code path}, as it was committed there, or a new empty one. */
    public static SearchIndex open(Path path) {
        return open(path, FORMAT, COMMIT_INTERVAL);
    }

    static SearchIndex open(Path path, String format) {
        return open(path, format, COMMIT_INTERVAL);
    }

    static SearchIndex open(Path path, String format, Duration commitInterval) {
        try {
            return new SearchIndex(path, format, commitInterval);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index in " + path, e);
        }
    }

    private void open() throws IOException {
        Map<String, String> committed = committed();
        boolean usable = committed != null && format.equals(committed.get(FORMAT_KEY));
        if (committed != null && !usable) {
            log.info("The search index in {} is in format {}, this version writes format {}: rebuilding it", path,
                    committed.get(FORMAT_KEY), format);
        }
        if (!usable) {
            deleteFiles();
        }
        writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                .setOpenMode(usable ? IndexWriterConfig.OpenMode.APPEND : IndexWriterConfig.OpenMode.CREATE));
        if (usable) {
            position = Long.parseLong(committed.get(POSITION_KEY));
            committedPosition = position;
            buildUntil = Long.parseLong(committed.getOrDefault(BUILD_UNTIL_KEY, "0"));
        } else {
            position = 0;
            buildUntil = 0;
            commit();
        }
        searchers = new SearcherManager(writer, null);
        searchable = position;
        lastCommit = System.nanoTime();
        loadRegisters();
    }

    /** The last commit's user data; null when there is no index or it cannot be read. */
    private Map<String, String> committed() {
        try {
            return DirectoryReader.indexExists(directory) ? SegmentInfos.readLatestCommit(directory).getUserData()
                    : null;
        } catch (IOException | RuntimeException e) {
            log.warn("The search index in {} cannot be read ({}): rebuilding it", path, e.toString());
            return Map.of();
        }
    }

    private void deleteFiles() throws IOException {
        for (String file : directory.listAll()) {
            if (!file.equals(IndexWriter.WRITE_LOCK_NAME)) {
                directory.deleteFile(file);
            }
        }
    }

    /** The ledger position of the last commit: where the index reopens after a crash. */
    synchronized long committedPosition() {
        return committedPosition;
    }

    /** The last ledger position in the index (0 before the first event). */
    public long position() {
        return position;
    }

    /**
     * While a build runs, the position it must reach before the index answers (0 when it answers): a
     * half-built index would answer wrongly without saying so.
     */
    public long buildUntil() {
        return buildUntil;
    }

    /** Empties the index, to be built again from the first event up to {@code until} at least. */
    public synchronized void clear(long until) {
        try {
            writer.deleteAll();
            crcNames.clear();
            providerNames.clear();
            members.clear();
            position = 0;
            buildUntil = until;
            commit();
            searchers.maybeRefreshBlocking();
            searchable = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Indexes a batch of events in ledger order, searchable at once ({@link #add}, then {@link #refresh}). */
    public synchronized void apply(List<? extends TrackedEventMessage<?>> events) {
        add(events);
        refresh();
    }

    /**
     * Indexes a batch of events in ledger order, searchable after the next {@link #refresh}, and commits it with the
     * position of its last event when a commit is due ({@link #commitIfDue}): after a crash the index is as it was at
     * a commit, before or after a whole batch, and its follower applies the events since again. Events at or before
     * the index's position are skipped.
     */
    public synchronized void add(List<? extends TrackedEventMessage<?>> events) {
        Batch batch = new Batch();
        long last = position;
        try {
            for (TrackedEventMessage<?> event : events) {
                long at = event.trackingToken().position().orElseThrow();
                if (at <= last) {
                    continue;
                }
                batch.apply(event, at);
                last = at;
            }
            position = last;
            commitIfDue();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the search index in " + path, e);
        }
    }

    /**
     * Makes what has been added searchable: a near-real-time reader over the writer, without a commit. Each refresh
     * writes a small segment that Lucene later merges, so under a stream of recordings the follower refreshes a few
     * times a second rather than after every batch.
     */
    public synchronized void refresh() {
        try {
            if (searchable != position) {
                searchers.maybeRefreshBlocking();
                searchable = position;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot refresh the search index in " + path, e);
        }
        if (buildUntil > 0 && searchable >= buildUntil) {
            // Answers once searches see the whole build, not when it has merely been added.
            log.info("The search index in {} has caught up with position {} and answers", path, buildUntil);
            buildUntil = 0;
        }
    }

    /** The ledger position up to which searches see the events ({@link #refresh}). */
    public long searchablePosition() {
        return searchable;
    }

    /**
     * Commits what has been applied when the last commit is {@link #COMMIT_INTERVAL} old: the follower calls it when
     * the ledger is quiet, so the last batch does not wait for the next one to be made durable.
     */
    public synchronized void commitIfDue() {
        if (System.nanoTime() - lastCommit < commitInterval.toNanos() || !writer.hasUncommittedChanges()
                && committedPosition == position) {
            return;
        }
        try {
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot commit the search index in " + path, e);
        }
    }

    private void commit() throws IOException {
        writer.setLiveCommitData(Map.of(FORMAT_KEY, format, POSITION_KEY, Long.toString(position),
                BUILD_UNTIL_KEY, Long.toString(buildUntil)).entrySet());
        writer.commit();
        committedPosition = position;
        lastCommit = System.nanoTime();
    }

    /** After a failed batch: back to the last commit, with its position. */
    public synchronized void recover() {
        try {
            searchers.close();
            if (writer.isOpen()) {
                writer.rollback();
            }
            open();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reopen the search index in " + path, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (writer.isOpen()) {
                commit();
            }
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- searching

    /** Runs a search on the last committed batch. */
    public SearchResults search(SearchRequest request) {
        if ((long) request.offset() + request.limit() > MAX_RESULTS) {
            throw new InvalidSearchException("page", "a search shows its first " + MAX_RESULTS + " results; narrow it with"
                    + " more words or filters to see further");
        }
        Query text = SearchText.parse(request.text(), analyzer);
        Query query = SearchFilters.of(request, text);
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Sort sort = new Sort(SortField.FIELD_SCORE, new SortField(FIRST_POSITION, SortField.Type.LONG));
            int wanted = request.offset() + request.limit();
            // Counting every match exactly would score every match: a common word at 100k entries cost ~18 ms of CPU
            // a search. Counting only as far as any page can go lets Lucene skip matches that cannot reach the page.
            TopDocs top = searcher.search(query, new TopFieldCollectorManager(sort, wanted, null, MAX_RESULTS, false));
            ScoreDoc[] page = Arrays.copyOfRange(top.scoreDocs, Math.min(request.offset(), top.scoreDocs.length),
                    top.scoreDocs.length);
            return new SearchResults(hits(searcher, text, page, request.asOf()), (int) top.totalHits.value,
                    top.totalHits.relation == TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO);
        } catch (IndexSearcher.TooManyClauses e) {
            throw SearchText.tooMany();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                log.warn("Could not release a search index reader", e);
            }
        }
    }

    private List<SearchHit> hits(IndexSearcher searcher, Query text, ScoreDoc[] page, Instant asOf)
            throws IOException {
        if (page.length == 0) {
            return List.of();
        }
        int[] docs = Arrays.stream(page).mapToInt(d -> d.doc).toArray();
        String[] fields = textFields().toArray(String[]::new);
        int[] passages = new int[fields.length];
        Arrays.fill(passages, SNIPPETS_PER_FIELD);
        Map<String, Object[]> highlights = new Highlighter(UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new SnippetFormatter()).withMaxNoHighlightPassages(0).withMaxLength(100_000))
                .snippets(fields, text, docs, passages);
        StoredFields stored = searcher.storedFields();
        long moment = asOf == null ? OPEN - 1 : nanos(asOf);
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 0; i < page.length; i++) {
            Document doc = stored.document(docs[i]);
            List<Snippet> snippets = new ArrayList<>();
            for (String field : fields) {
                Object formatted = highlights.get(field)[i];
                if (formatted instanceof SnippetFormatter.Snippets found) {
                    found.parts().forEach(parts -> snippets.add(new Snippet(field, parts)));
                }
            }
            String provider = doc.get(PROVIDER);
            long retractedAt = value(searcher, RETRACTED_AT, docs[i]);
            EntryStatus status = retractedAt <= moment ? EntryStatus.RETRACTED
                    : doc.getField(REVISION).numericValue().intValue() > 1 ? EntryStatus.CORRECTED
                    : EntryStatus.ACTIVE;
            float score = page[i] instanceof FieldDoc f && f.fields[0] instanceof Float s ? s : page[i].score;
            hits.add(new SearchHit(doc.get(ENTRY_ID), type(doc.get(TYPE)),
                    LocalDate.ofEpochDay(doc.getField(OCCURRED).numericValue().longValue()),
                    Arrays.asList(doc.getValues(CRC)), NO_PROVIDER.equals(provider) ? null : provider, status,
                    doc.get("summary"), score, doc.getField(FIRST_POSITION).numericValue().longValue(), snippets));
        }
        return hits;
    }

    /** Lucene's highlighter with its formatter's own objects, rather than strings, handed out. */
    private static final class Highlighter extends UnifiedHighlighter {

        Highlighter(Builder builder) {
            super(builder);
        }

        Map<String, Object[]> snippets(String[] fields, Query query, int[] docs, int[] passages) throws IOException {
            return highlightFieldsAsObjects(fields, query, docs, passages);
        }
    }

    private static long value(IndexSearcher searcher, String field, int doc) throws IOException {
        NumericDocValues values = MultiDocValues.getNumericValues(searcher.getIndexReader(), field);
        return values != null && values.advanceExact(doc) ? values.longValue() : OPEN;
    }

    private static EntryType type(String jsonName) {
        return Arrays.stream(EntryType.values()).filter(t -> t.jsonName().equals(jsonName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown entry type in the search index: " + jsonName));
    }

    static long nanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }

    // ---- indexing

    /** What the index keeps of an entry between its events. */
    private record EntryState(long firstPosition, long openPosition, int revisions, String providerId) {
    }

    /** One batch's writes, with the entries it has touched, which a searcher would not show yet. */
    private final class Batch {

        private final Map<String, EntryState> entries = new HashMap<>();
        private Names names;

        void apply(EventMessage<?> event, long at) throws IOException {
            Object payload = event.getPayload();
            long time = nanos(event.getTimestamp());
            if (payload instanceof CrcRegistered crc) {
                register("crc", crc.crcId().value(), crc.name(), List.of());
                crcNames.put(crc.crcId().value(), crc.name());
                names = null;
            } else if (payload instanceof ProviderRegistered provider) {
                register("provider", provider.providerId().value(), provider.name(), provider.members());
                providerNames.put(provider.providerId().value(), provider.name());
                members.put(provider.providerId().value(), provider.members());
                names = null;
            } else if (payload instanceof EntryRecorded recorded) {
                String providerId = recorded.concernedProvider().map(ProviderId::value).orElse(null);
                revision(recorded.entryId().value(), recorded.details(),
                        new EntryState(at, at, 1, providerId), time);
            } else if (payload instanceof EntryCorrected corrected) {
                String id = corrected.entryId().value();
                EntryState state = state(id);
                if (state == null) {
                    return; // not recorded: cannot happen in a whole ledger
                }
                writer.updateNumericDocValue(new Term(REVISION_KEY, revisionKey(id, state.openPosition())),
                        RECORDED_UNTIL, time);
                EntryDetails details = corrected.correctedDetails();
                String providerId = details.namedProvider().map(ProviderId::value).orElse(state.providerId());
                revision(id, details, new EntryState(state.firstPosition(), at, state.revisions() + 1, providerId), time);
            } else if (payload instanceof EntryRetracted retracted) {
                String id = retracted.entryId().value();
                EntryState state = state(id);
                if (state == null) {
                    return;
                }
                // On every revision: as of a moment before the retraction, they are not retracted yet.
                writer.updateNumericDocValue(new Term(ENTRY_ID, id), RETRACTED_AT, time);
            } else if (payload instanceof PayloadWithheld withheld) {
                writer.deleteDocuments(new Term(REVISION_KEY, revisionKey(withheld.entryId().value(),
                        withheld.position())));
            }
        }

        private void revision(String entryId, EntryDetails details, EntryState state, long time) throws IOException {
            if (names == null) {
                names = Names.of(providerNames, crcNames);
            }
            EntryText text = EntryText.of(details, state.providerId(), names,
                    provider -> members.getOrDefault(provider, List.of()));
            Document doc = new Document();
            doc.add(new StringField(KIND, KIND_REVISION, Field.Store.NO));
            doc.add(new StringField(ENTRY_ID, entryId, Field.Store.YES));
            doc.add(new StringField(REVISION_KEY, revisionKey(entryId, state.openPosition()), Field.Store.NO));
            doc.add(new StringField(TYPE, details.type().jsonName(), Field.Store.YES));
            details.crcIds().forEach(crc -> doc.add(new StringField(CRC, crc.value(), Field.Store.YES)));
            doc.add(new StringField(PROVIDER, state.providerId() == null ? NO_PROVIDER : state.providerId(),
                    Field.Store.YES));
            long day = details.occurredOn().toEpochDay();
            doc.add(new IntPoint(OCCURRED, Math.toIntExact(day)));
            doc.add(new StoredField(OCCURRED, day));
            doc.add(new NumericDocValuesField(FIRST_POSITION, state.firstPosition()));
            doc.add(new StoredField(FIRST_POSITION, state.firstPosition()));
            doc.add(new StoredField(REVISION, state.revisions()));
            doc.add(new LongPoint(RECORDED_FROM, time));
            doc.add(new NumericDocValuesField(RECORDED_UNTIL, OPEN));
            doc.add(new NumericDocValuesField(RETRACTED_AT, OPEN));
            List<String> values = text.values();
            List<String> fields = textFields();
            for (int i = 0; i < fields.size(); i++) {
                if (values.get(i) != null) {
                    doc.add(new Field(fields.get(i), values.get(i), SEARCHED_TEXT));
                }
            }
            writer.addDocument(doc);
            save(entryId, state);
        }

        /** The entry as this batch left it, else as the index has it. */
        private EntryState state(String entryId) throws IOException {
            EntryState state = entries.get(entryId);
            return state != null ? state : stored(entryId);
        }

        private void save(String entryId, EntryState state) throws IOException {
            entries.put(entryId, state);
            Document doc = new Document();
            doc.add(new StringField(KIND, KIND_ENTRY, Field.Store.NO));
            doc.add(new StringField(ENTRY_KEY, entryId, Field.Store.NO));
            doc.add(new StoredField(STATE_FIRST, state.firstPosition()));
            doc.add(new StoredField(STATE_OPEN, state.openPosition()));
            doc.add(new StoredField(STATE_REVISIONS, state.revisions()));
            if (state.providerId() != null) {
                doc.add(new StoredField(STATE_PROVIDER, state.providerId()));
            }
            writer.updateDocument(new Term(ENTRY_KEY, entryId), doc);
        }

        private void register(String kind, String id, String name, List<String> memberNames) throws IOException {
            Document doc = new Document();
            doc.add(new StringField(KIND, KIND_REGISTER, Field.Store.NO));
            doc.add(new StringField(REGISTER_KEY, kind + ":" + id, Field.Store.YES));
            doc.add(new StoredField(NAME, name));
            memberNames.forEach(member -> doc.add(new StoredField(MEMBER, member)));
            writer.updateDocument(new Term(REGISTER_KEY, kind + ":" + id), doc);
        }
    }

    private EntryState stored(String entryId) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs found = searcher.search(new TermQuery(new Term(ENTRY_KEY, entryId)), 1);
            if (found.scoreDocs.length == 0) {
                return null;
            }
            Document doc = searcher.storedFields().document(found.scoreDocs[0].doc);
            return new EntryState(doc.getField(STATE_FIRST).numericValue().longValue(),
                    doc.getField(STATE_OPEN).numericValue().longValue(),
                    doc.getField(STATE_REVISIONS).numericValue().intValue(), doc.get(STATE_PROVIDER));
        } finally {
            searchers.release(searcher);
        }
    }

    private void loadRegisters() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs found = searcher.search(new TermQuery(new Term(KIND, KIND_REGISTER)), Integer.MAX_VALUE);
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc hit : found.scoreDocs) {
                Document doc = stored.document(hit.doc);
                String[] key = doc.get(REGISTER_KEY).split(":", 2);
                if (key[0].equals("crc")) {
                    crcNames.put(key[1], doc.get(NAME));
                } else {
                    providerNames.put(key[1], doc.get(NAME));
                    members.put(key[1], List.of(doc.getValues(MEMBER)));
                }
            }
        } finally {
            searchers.release(searcher);
        }
    }

    private static String revisionKey(String entryId, long position) {
        return entryId + "@" + position;
    }
}

package uk.crcledger.search;

import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import uk.crcledger.entry.EntryType;

import java.time.LocalDate;
import java.util.Collection;

import static uk.crcledger.search.SearchFields.*;

/** A request's filters and moment around its text query; the filters do not count towards the score. */
final class SearchFilters {

    private SearchFilters() {
    }

    static Query of(SearchRequest request, Query text) {
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(text, Occur.MUST)
                .add(new TermQuery(new Term(KIND, KIND_REVISION)), Occur.FILTER);
        moment(query, request);
        if (!request.types().isEmpty()) {
            query.add(anyOf(TYPE, request.types().stream().map(EntryType::jsonName).toList()), Occur.FILTER);
        }
        if (!request.crcIds().isEmpty()) {
            query.add(anyOf(CRC, request.crcIds()), Occur.FILTER);
        }
        if (request.from() != null || request.to() != null) {
            query.add(days(request.from(), request.to() == null ? null : request.to().plusDays(1)), Occur.FILTER);
        }
        if (request.provider() != null) {
            query.add(provider(request.provider()), Occur.FILTER);
        }
        return query.build();
    }

    /**
     * Live: the open revisions. As of T: the revision recorded by T and not replaced by then. The end
     * of a revision is a doc value because it is set when the next one arrives, which a point field
     * cannot be; the text query leads, so the slow check runs on its matches only.
     */
    private static void moment(BooleanQuery.Builder query, SearchRequest request) {
        if (request.asOf() == null) {
            query.add(NumericDocValuesField.newSlowExactQuery(RECORDED_UNTIL, OPEN), Occur.FILTER);
            return;
        }
        long at = SearchIndex.nanos(request.asOf());
        query.add(LongPoint.newRangeQuery(RECORDED_FROM, Long.MIN_VALUE, at), Occur.FILTER);
        query.add(NumericDocValuesField.newSlowRangeQuery(RECORDED_UNTIL, at + 1, Long.MAX_VALUE), Occur.FILTER);
    }

    /** The entries naming the provider, and those naming none that happened where and while it held a CRC. */
    private static Query provider(SearchRequest.ProviderScope scope) {
        BooleanQuery.Builder any = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(PROVIDER, scope.providerId())), Occur.SHOULD);
        for (SearchRequest.Held held : scope.held()) {
            any.add(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(PROVIDER, NO_PROVIDER)), Occur.FILTER)
                    .add(new TermQuery(new Term(CRC, held.crcId())), Occur.FILTER)
                    .add(days(held.from(), held.until()), Occur.FILTER)
                    .build(), Occur.SHOULD);
        }
        return any.setMinimumNumberShouldMatch(1).build();
    }

    /** Days happened from {@code from} (inclusive) to {@code until} (exclusive); null is open. */
    private static Query days(LocalDate from, LocalDate until) {
        int lower = from == null ? Integer.MIN_VALUE : Math.toIntExact(from.toEpochDay());
        int upper = until == null ? Integer.MAX_VALUE : Math.toIntExact(until.toEpochDay() - 1);
        return IntPoint.newRangeQuery(OCCURRED, lower, upper);
    }

    private static Query anyOf(String field, Collection<String> values) {
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }
}

package uk.crcledger.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reader's query turned into a Lucene query over the text fields, or refused with a message that
 * says what to change.
 * <p>
 * Lucene's classic syntax, because it is what journalists know from search boxes: words (all must
 * appear), "quoted phrases", OR, -exclusions, prefix* and a field now and then
 * ({@code findings:caseload}). Its parser throws on a malformed query, which is what lets a bad one
 * be a clear 400 rather than a silent guess. What could make one query cost the server dearly is
 * refused before it runs: regular expressions, ranges over text, leading wildcards, one- or two-letter
 * prefixes (each expands to thousands of terms), more than {@value #MAX_CLAUSES} terms, and queries
 * longer than {@value #MAX_LENGTH} characters.
 */
final class SearchText {

    static final int MAX_LENGTH = 500;
    static final int MAX_CLAUSES = 64;
    /** Letters a prefix or wildcard needs before its first wildcard. */
    static final int MIN_PREFIX = 3;

    private static final String HOW = " (words, \"a phrase\", OR, -word, prefix* with at least " + MIN_PREFIX
            + " letters, field:word)";

    private SearchText() {
    }

    static Query parse(String text, Analyzer analyzer) {
        if (text == null || text.isBlank()) {
            throw new InvalidSearchException("q is empty: give the words to search for" + HOW);
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidSearchException("q is " + text.length() + " characters long; a search may have at most "
                    + MAX_LENGTH);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.isSurrogate(c) && !validSurrogate(text, i)) {
                throw new InvalidSearchException("q contains a control character (U+"
                        + String.format("%04X", (int) c) + " at " + i + "); search with printable text only");
            }
        }
        Query query;
        try {
            query = new Parser(analyzer).parse(text);
        } catch (ParseException e) {
            throw new InvalidSearchException("q could not be read as a search: " + reason(e) + HOW
                    + "; put words in double quotes to search for them as they are");
        } catch (IndexSearcher.TooManyClauses e) {
            throw tooMany();
        }
        int clauses = clauses(query);
        if (clauses == 0) {
            throw new InvalidSearchException("q has no words to search for (only common words such as 'the' or"
                    + " punctuation): add a word that says what you are looking for");
        }
        if (clauses > MAX_CLAUSES) {
            throw tooMany();
        }
        return query;
    }

    static InvalidSearchException tooMany() {
        return new InvalidSearchException("q asks for too much at once: at most " + MAX_CLAUSES
                + " words and phrases per field; search for fewer words, or use filters instead");
    }

    private static boolean validSurrogate(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) ? i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    /** The first sentence of the parser's message: the rest lists its grammar's tokens. */
    private static String reason(ParseException e) {
        String message = e.getMessage() == null ? "malformed" : e.getMessage();
        int cut = message.indexOf(". Was expecting");
        if (cut < 0) {
            cut = message.indexOf('\n');
        }
        return (cut < 0 ? message : message.substring(0, cut)).strip();
    }

    /** The terms and multi-term leaves the query would match, over all fields. */
    private static int clauses(Query query) {
        AtomicInteger count = new AtomicInteger();
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query q, Term... terms) {
                count.addAndGet(terms.length);
            }

            @Override
            public void visitLeaf(Query q) {
                if (q instanceof MultiTermQuery) {
                    count.incrementAndGet();
                }
            }

            @Override
            public QueryVisitor getSubVisitor(org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        return count.get() / SearchFields.TEXT.size() + (count.get() % SearchFields.TEXT.size() == 0 ? 0 : 1);
    }

    /** The classic parser over every text field, without what {@link SearchText} refuses. */
    private static final class Parser extends MultiFieldQueryParser {

        private static final Set<String> FIELDS = SearchFields.TEXT.keySet();

        Parser(Analyzer analyzer) {
            super(SearchFields.textFields().toArray(String[]::new), analyzer, SearchFields.TEXT);
            setDefaultOperator(QueryParser.Operator.AND);
            setAllowLeadingWildcard(false);
            setMultiTermRewriteMethod(MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            return super.getFieldQuery(known(field), queryText, quoted);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
            return super.getFieldQuery(known(field), queryText, slop);
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            requirePrefix(termStr, termStr.length());
            return super.getPrefixQuery(known(field), termStr);
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            int first = firstWildcard(termStr);
            if (first == 0) {
                throw new ParseException("a word may not start with * or ?");
            }
            requirePrefix(termStr, first);
            return super.getWildcardQuery(known(field), termStr);
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
            requirePrefix(termStr, termStr.length());
            return super.getFuzzyQuery(known(field), termStr, minSimilarity);
        }

        @Override
        protected Query getRegexpQuery(String field, String termStr) throws ParseException {
            throw new ParseException("regular expressions (/.../) are not supported");
        }

        @Override
        protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                                      boolean endInclusive) throws ParseException {
            throw new ParseException("ranges ([a TO b]) are not supported; filter dates with from and to");
        }

        private static String known(String field) throws ParseException {
            if (field != null && !FIELDS.contains(field)) {
                throw new ParseException("there is no field '" + field + "' (the fields are " + FIELDS
                        + "); put text with a colon in double quotes");
            }
            return field;
        }

        private static void requirePrefix(String term, int letters) throws ParseException {
            if (letters < MIN_PREFIX) {
                throw new ParseException("'" + term + "' is too short before its wildcard or ~: give at least "
                        + MIN_PREFIX + " letters");
            }
        }

        private static int firstWildcard(String term) {
            for (int i = 0; i < term.length(); i++) {
                if (term.charAt(i) == '*' || term.charAt(i) == '?') {
                    return i;
                }
            }
            return term.length();
        }
    }
}

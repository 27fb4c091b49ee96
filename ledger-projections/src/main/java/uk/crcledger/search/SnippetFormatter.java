package uk.crcledger.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the highlighter's passages into plain-text parts with the matches marked, instead of the
 * HTML its default formatter writes: the ledger's text reaches a page only as text.
 */
final class SnippetFormatter extends PassageFormatter {

    @Override
    public Snippets format(Passage[] passages, String content) {
        List<List<Snippet.Part>> all = new ArrayList<>();
        for (Passage passage : passages) {
            List<Snippet.Part> parts = new ArrayList<>();
            int at = passage.getStartOffset();
            for (int i = 0; i < passage.getNumMatches(); i++) {
                int start = Math.max(passage.getMatchStarts()[i], at);
                int end = passage.getMatchEnds()[i];
                if (end <= start) {
                    continue; // inside the previous match (a phrase's words overlap it)
                }
                if (start > at) {
                    parts.add(new Snippet.Part(content.substring(at, start), false));
                }
                parts.add(new Snippet.Part(content.substring(start, end), true));
                at = end;
            }
            if (at < passage.getEndOffset()) {
                parts.add(new Snippet.Part(content.substring(at, passage.getEndOffset()), false));
            }
            all.add(parts);
        }
        return new Snippets(all);
    }

    /** One field's passages, each as its parts. */
    record Snippets(List<List<Snippet.Part>> parts) {
    }
}

package uk.crcledger.entry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;

/**
 * Where a fact comes from. Many of the ledger's sources are not web pages ("Parliamentary question 221779"), so a
 * document reference is as good as a URL; one of the two must be there so a reader can check the fact.
 *
 * @param publishedOn optional; when given it may not lie in the future (checked with the entry's dates)
 */
public record Source(String title, String publisher, String url, String documentReference, LocalDate publishedOn) {

    public Source {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a source needs a title");
        }
        title = title.strip();
        publisher = blankToNull(publisher);
        url = blankToNull(url);
        documentReference = blankToNull(documentReference);
        if (url == null && documentReference == null) {
            throw new IllegalArgumentException(
                    "source '" + title + "' needs a url or a documentReference so a reader can find it");
        }
        if (url != null) {
            requireWebAddress(title, url);
        }
    }

    /** A source known by a reference only, such as a parliamentary question. */
    public static Source document(String title, String documentReference) {
        return new Source(title, null, null, documentReference, null);
    }

    /** A source on the web. */
    public static Source web(String title, String url) {
        return new Source(title, null, url, null, null);
    }

    private static void requireWebAddress(String title, String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "source '" + title + "' has url '" + url + "', which is not an http(s) address");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "source '" + title + "' has url '" + url + "', which is not an http(s) address", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

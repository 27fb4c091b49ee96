package uk.crcledger.tlog.verify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Reads the files of a log served under {@code <base>/tlog/}: plain HTTP/1.1 GETs on kept-alive
 * connections, as many at once as the caller asks for. A 404 (or 410) is an answer ("the log does
 * not hold this"), which the verifier judges; any other status or a broken connection is a
 * {@link FetchException}. A request that fails on the connection is tried again twice, since a
 * kept-alive connection the server has just closed fails the first request sent on it.
 */
final class LogClient {

    private static final int ATTEMPTS = 3;

    private final HttpClient http;
    private final String prefix;
    private final Duration timeout;

    LogClient(String baseUrl, Duration timeout, Executor executor) {
        this.prefix = prefix(baseUrl);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .executor(executor)
                .build();
    }

    /** {@code <base>/tlog/}: the base as given, without a trailing slash, or as is if it already ends in /tlog. */
    static String prefix(String baseUrl) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base.endsWith("/tlog") ? base + "/" : base + "/tlog/";
    }

    String url(String path) {
        return prefix + path;
    }

    /** The body of {@code <base>/tlog/<path>}, or empty when the server answers 404 or 410. */
    Optional<byte[]> get(String path) {
        try {
            return getAsync(path).get();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted while fetching " + url(path), e);
        }
    }

    CompletableFuture<Optional<byte[]>> getAsync(String path) {
        return attempt(path, 1);
    }

    private CompletableFuture<Optional<byte[]>> attempt(String path, int attempt) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url(path))).timeout(timeout).GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new FetchException("not a usable URL: " + url(path), e));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        if (cause instanceof IOException && attempt < ATTEMPTS) {
                            return attempt(path, attempt + 1);
                        }
                        return CompletableFuture.<Optional<byte[]>>failedFuture(
                                new FetchException("could not fetch " + url(path) + ": " + describe(cause), cause));
                    }
                    int status = response.statusCode();
                    if (status == 200) {
                        return CompletableFuture.completedFuture(Optional.of(response.body()));
                    }
                    if (status == 404 || status == 410) {
                        return CompletableFuture.completedFuture(Optional.<byte[]>empty());
                    }
                    String message = "the server answered HTTP " + status + " for " + url(path) + snippet(response.body());
                    return CompletableFuture.<Optional<byte[]>>failedFuture(status >= 500
                            ? new FetchException.ServerError(message, response.body()) : new FetchException(message));
                })
                .thenCompose(f -> f);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }

    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? "" : ": " + text;
    }

    static RuntimeException unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new FetchException(describe(t), t);
    }
}

package uk.crcledger.api.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server that lies: forwards every request to the app, but passes the JSON of
 * {@code /api/entries/<id>/proof} through a rewrite, so the browser can be shown what a tampered
 * proof or checkpoint looks like without changing the app.
 */
final class TamperingProxy implements AutoCloseable {

    private static final Pattern PROOF_PATH = Pattern.compile("^/api/entries/[^/]+/proof$");
    private static final List<String> PASSED_HEADERS = List.of("Content-Type", "Cache-Control", "Retry-After");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final String target;
    private final UnaryOperator<String> rewrite;

    TamperingProxy(String target, UnaryOperator<String> rewrite) throws IOException {
        this.target = target;
        this.rewrite = rewrite;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::forward);
        server.start();
    }

    /** The proxy's base URL; "localhost", which browsers count as a secure context (WebCrypto works). */
    String base() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] requestBody;
            try (InputStream in = exchange.getRequestBody()) {
                requestBody = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), requestBody.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(requestBody));
            for (String name : List.of("Accept", "Authorization", "Content-Type", "Idempotency-Key")) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    request.header(name, value);
                }
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            if (response.statusCode() == 200 && PROOF_PATH.matcher(exchange.getRequestURI().getPath()).matches()) {
                body = rewrite.apply(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            }
            for (String name : PASSED_HEADERS) {
                response.headers().firstValue(name).ifPresent(v -> exchange.getResponseHeaders().set(name, v));
            }
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        }
    }

    /** Flips one base64 character in the middle of the first leaf's first proof hash (still valid base64, 32 bytes). */
    static String flipFirstProofHash(String json) {
        Matcher m = Pattern.compile("\"proof\":\\[\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("No proof hash to tamper with in " + json);
        }
        return flipAt(json, m.end() + 10);
    }

    /** Flips one base64 character inside the signature bytes of the checkpoint's signature line, keeping its key id. */
    static String breakCheckpointSignature(String json) {
        // The line is "\u2014 <name> <base64(key id || signature)>"; Jackson may write the dash raw or escaped.
        Matcher m = Pattern.compile("(?:\u2014|\\\\u2014) \\S+ ").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("No signature line to tamper with in " + json);
        }
        return flipAt(json, m.end() + 20);
    }

    private static String flipAt(String text, int at) {
        char c = text.charAt(at);
        char flipped = c == 'A' ? 'B' : 'A';
        return text.substring(0, at) + flipped + text.substring(at + 1);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}

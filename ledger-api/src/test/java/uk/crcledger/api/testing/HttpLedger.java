package uk.crcledger.api.testing;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A client of the ledger's HTTP API for tests: JSON in, status, headers and JSON out (HTTP/1.1, bounded waits). */
public final class HttpLedger {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;

    public HttpLedger(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Answer(int status, Map<String, List<String>> headers, String body) {

        @SuppressWarnings("unchecked")
        public Map<String, Object> json() {
            return JSON.readValue(body, Map.class);
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> items() {
            return (List<Map<String, Object>>) json().get("items");
        }

        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(), List.of()).stream().findFirst().orElse(null);
        }

        public String contentType() {
            return header("content-type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Answer get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
    }

    public Answer post(String path, String token, Object body) {
        return post(path, token, body instanceof String s ? s : JSON.writeValueAsString(body), Map.of());
    }

    public Answer post(String path, String token, String rawBody, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rawBody));
        headers.forEach(request::header);
        return send(request, token);
    }

    public Answer delete(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), token);
    }

    private Answer send(HttpRequest.Builder request, String token) {
        request.timeout(Duration.ofSeconds(45));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An admin-made token of the given role for a named person. */
    public String token(String adminToken, String name, String role) {
        Answer created = post("/api/admin/tokens", adminToken, Map.of("name", name, "role", role));
        if (created.status() != 201) {
            throw new IllegalStateException("Could not create a token: " + created.status() + " " + created.body());
        }
        return (String) created.json().get("token");
    }

    public static Map<String, Object> source(String title) {
        return Map.of("title", title, "publisher", "Napo", "documentReference", title, "publishedOn", "2016-01-20");
    }
}

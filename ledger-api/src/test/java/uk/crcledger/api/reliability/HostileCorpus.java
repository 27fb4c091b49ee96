package uk.crcledger.api.reliability;

import uk.crcledger.api.reliability.HostileHttp.Json;
import uk.crcledger.api.reliability.HostileHttp.Json.Raw;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic corpus of bad requests (fixed seed): every write endpoint with a valid token (the
 * bodiless admin writes, token revocation and projection rebuild, at bad ids and names), and the read
 * endpoints with bad path ids and query parameters.
 *
 * <p>Every write body is built so that it cannot be stored: each one carries a "poison" the ledger is
 * sure to refuse, applied as late as possible so the hostile value travels as deep as it can. The
 * late poison is a ledger rule (422) or a conflict (409): a duplicate id, a date before the CRC was
 * held, an already-retracted target. When the hostile value replaces the late poison's own field, an
 * early poison (a blank or missing required field on another field) is added instead.
 */
final class HostileCorpus {

    static final long SEED = 0x2016_0125L;
    static final int BODY_CAP = 65_536;

    enum Kind { WRITE, READ }

    /** One request and what it is. */
    record Probe(String name, Kind kind, String method, String path, String token, byte[] body,
                 String contentType, Map<String, String> headers, boolean chunked) {

        /** The request as one printable line (bodies abbreviated, non-ASCII escaped). */
        String describe() {
            String shown = body == null ? "<no body>" : printable(new String(body, StandardCharsets.UTF_8));
            return method + " " + path + " [Content-Type: " + contentType + "]"
                    + (headers.isEmpty() ? "" : " " + headers) + (chunked ? " (chunked)" : "")
                    + " body(" + (body == null ? 0 : body.length) + " bytes)=" + shown;
        }
    }

    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 300; i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return s.length() > 300 ? out + "...(" + s.length() + " chars)" : out.toString();
    }

    // ---- value pools ----

    /** Hostile strings; none is a valid slug, so none can become a real CRC or provider id. */
    static final List<String> STRINGS = List.of(
            "'; DROP TABLE events; --",
            "' OR '1'='1",
            "../../etc/passwd",
            "..\\..\\windows\\win.ini",
            "<script>alert(1)</script>",
            "$where",
            "{\"$gt\": \"\"}",
            "{\"$ne\": null}",
            "this.crcId == '' || true",
            "${jndi:ldap://example.invalid/a}",
            "%00", "%2e%2e%2f",
            "\u0000", "west\u0000yorkshire",
            "\ud800", "\udc00", "a\ud800b", "\udbff\udfff\ud800",
            "\u202eevil\u202c", "\u200fwest-yorkshire",
            "\ud83d\ude00", "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67\u200d\ud83d\udc66",
            "e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030a\u030b\u030c",
            "Z\u0351\u0352\u0353".repeat(40),
            "\ufeffwest-yorkshire", "west-yorkshire\u200b", "\uff57\uff59",
            "WEST-YORKSHIRE", "west yorkshire", "west--yorkshire", "-west-yorkshire",
            "", " ", "\t\r\n", "\r\nX-Injected: 1",
            "a", "x".repeat(61), "NaN", "Infinity");

    /** Dates no ledger can use (badly formed, impossible, or at the edges of LocalDate). */
    static final List<String> DATES = List.of(
            "0000-00-00", "+999999999-12-31", "-999999999-01-01", "2016-02-30", "-1", "2016-13-01",
            "2016-00-10", "2016-1-1", "20160120", "2016-01-20T00:00:00Z", "2016/01/20", "yesterday",
            "9999-12-31", "+10000-01-01", "\uff12\uff10\uff11\uff16-01-20", "2016-01-20\u0000", " 2016-01-20",
            "", " ", "\ud800");

    /** Raw JSON number-ish tokens: out of range, negative zero, not numbers at all. */
    static final List<String> NUMBERS = List.of(
            "1e400", "-1e400", "1e-400", "-0", "-0.0", "0", "-1", "0.5", "101", "100.0000000000000000001",
            "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "NaN", "Infinity", "-Infinity",
            "9223372036854775808", "-9223372036854775809", "1" + "0".repeat(1100), "1e100000", "-1e100000",
            "1e-100000", "0x10", "01", "+1", ".5", "1.", "\"1,000\"", "\"12%\"", "\"\"");

    /** Wrong JSON types and Mongo operators as JSON values. */
    static final List<String> TYPES = List.of(
            "0", "-1", "1.5", "true", "false", "null", "[]", "{}", "[null]", "[1,2,3]", "[[[]]]",
            "{\"$gt\": \"\"}", "{\"$ne\": null}", "{\"$where\": \"1\"}", "[{\"$where\": \"1\"}]",
            "{\"$set\": {\"x\": 1}}", "{\"$regex\": \".*\"}", "\"\"");

    // ---- the ledger's facts the corpus aims at ----

    private final String editor;
    private final String admin;
    private final String liveEntry;
    private final String retractedEntry;
    private final Random random = new Random(SEED);
    private final List<Probe> probes = new ArrayList<>();

    HostileCorpus(String editor, String admin, String liveEntry, String retractedEntry) {
        this.editor = editor;
        this.admin = admin;
        this.liveEntry = liveEntry;
        this.retractedEntry = retractedEntry;
    }

    static Map<String, Object> source() {
        return obj("title", "Napo newsletter", "publisher", "Napo", "documentReference", "NL-1",
                "publishedOn", "2016-01-20");
    }

    static Map<String, Object> obj(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** A write endpoint: its valid-looking body with the late poison in, and how to poison it early. */
    record Endpoint(String path, String token, Map<String, Object> poisoned, String latePoisonField,
                    List<Map.Entry<String, Object>> earlyPoisons, Map<String, String> fieldKinds) {
    }

    List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        endpoints.add(new Endpoint("/api/crcs", editor,
                obj("crcId", "west-yorkshire", "name", "West Yorkshire again", "abbreviation", "WY"), "crcId",
                List.of(Map.entry("name", "")),
                kinds("crcId", "slug", "name", "text", "abbreviation", "text")));
        endpoints.add(new Endpoint("/api/providers", editor,
                obj("providerId", "purple-futures", "name", "Purple Futures again", "kind", "consortium",
                        "members", List.of("Interserve")), "providerId",
                List.of(Map.entry("name", "")),
                kinds("providerId", "slug", "name", "text", "kind", "text", "members", "list", "members[0]", "text")));
        endpoints.add(new Endpoint("/api/contract-awards", editor,
                obj("crcId", "west-yorkshire", "providerId", "purple-futures", "signedOn", "2014-12-18",
                        "startsOn", "2015-02-01", "plannedEndOn", "2022-01-31", "valueGbp", 1000,
                        "description", "a second award over the first", "sources", List.of(source())), "crcId",
                List.of(Map.entry("sources", List.of()), Map.entry("description", "x".repeat(4001))),
                kinds("crcId", "slug", "providerId", "slug", "signedOn", "date", "startsOn", "date",
                        "plannedEndOn", "date", "valueGbp", "number", "description", "text", "sources", "list",
                        "sources[0].title", "text", "sources[0].url", "text", "sources[0].documentReference", "text",
                        "sources[0].publishedOn", "date")));
        endpoints.add(new Endpoint("/api/contract-ends", editor,
                obj("crcId", "west-yorkshire", "endedOn", "2014-06-01", "reason", "transferred",
                        "successorProviderId", "purple-futures", "sources", List.of(source())), "endedOn",
                List.of(Map.entry("sources", List.of()), Map.entry("reason", "")),
                kinds("crcId", "slug", "endedOn", "date", "reason", "text", "successorProviderId", "slug",
                        "sources", "list", "sources[0].url", "text")));
        endpoints.add(new Endpoint("/api/contract-term-changes", editor,
                obj("crcIds", List.of("west-yorkshire"), "announcedOn", "2014-06-01",
                        "newPlannedEndOn", "2020-12-31", "reason", "ended early", "sources", List.of(source())),
                "announcedOn",
                List.of(Map.entry("sources", List.of()), Map.entry("reason", "")),
                kinds("crcIds", "list", "crcIds[0]", "slug", "announcedOn", "date", "newPlannedEndOn", "date",
                        "reason", "text", "sources", "list", "sources[0].title", "text")));
        endpoints.add(new Endpoint("/api/job-cut-announcements", editor,
                obj("providerId", "purple-futures", "announcedOn", "2014-06-01",
                        "crcs", List.of(obj("crcId", "west-yorkshire", "posts", 10, "percentage", 5)),
                        "totalPosts", 10, "percentage", 5, "description", "before the contract",
                        "sources", List.of(source())), "announcedOn",
                List.of(Map.entry("sources", List.of()), Map.entry("description", "")),
                kinds("providerId", "slug", "announcedOn", "date", "crcs", "list", "crcs[0]", "object",
                        "crcs[0].crcId", "slug", "crcs[0].posts", "number", "crcs[0].percentage", "number",
                        "totalPosts", "number", "percentage", "number", "description", "text", "sources", "list",
                        "sources[0]", "object", "sources[0].title", "text", "sources[0].url", "text",
                        "sources[0].publishedOn", "date")));
        endpoints.add(new Endpoint("/api/inspection-findings", editor,
                obj("inspectorate", "HMIP", "title", "Inspection from the future", "publishedOn", "2999-01-01",
                        "crcIds", List.of("west-yorkshire"), "thematic", false, "rating", "inadequate",
                        "findings", "f", "sources", List.of(source())), "publishedOn",
                List.of(Map.entry("sources", List.of()), Map.entry("title", "")),
                kinds("inspectorate", "text", "title", "text", "publishedOn", "date", "crcIds", "list",
                        "crcIds[0]", "slug", "thematic", "bool", "rating", "text", "findings", "text",
                        "sources", "list", "sources[0].documentReference", "text")));
        endpoints.add(new Endpoint("/api/entries/" + retractedEntry + "/corrections", editor,
                obj("changes", obj("totalPosts", 150), "reason", "a correction of a retracted entry"), null,
                List.of(Map.entry("reason", "")),
                kinds("changes", "object", "changes.totalPosts", "number", "changes.percentage", "number",
                        "changes.announcedOn", "date", "changes.description", "text", "changes.providerId", "slug",
                        "changes.sources", "list", "changes.crcs", "list", "reason", "text")));
        endpoints.add(new Endpoint("/api/entries/" + retractedEntry + "/retraction", editor,
                obj("reason", "retracting it twice"), null, List.of(),
                kinds("reason", "text")));
        endpoints.add(new Endpoint("/api/admin/tokens", admin,
                obj("name", "mallory", "role", "superuser"), "role",
                List.of(Map.entry("name", "")),
                kinds("name", "text", "role", "text")));
        return endpoints;
    }

    private static Map<String, String> kinds(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    // ---- building ----

    List<Probe> build() {
        for (Endpoint endpoint : endpoints()) {
            fieldMutations(endpoint);
            bodyShapes(endpoint);
            contentTypes(endpoint);
            sizes(endpoint);
            nesting(endpoint);
            unicodeBodies(endpoint);
            idempotencyKeys(endpoint);
        }
        liveCorrections();
        liveRetractions();
        entryPathIds();
        randomFuzz(150);
        reads();
        badTokens();
        adminWrites();
        // Names say what a probe is; where two say the same (values that print alike), number them.
        Map<String, Integer> seen = new java.util.HashMap<>();
        List<Probe> named = new ArrayList<>();
        for (Probe p : probes) {
            // Entry ids are random: the names use placeholders so they stay the same from run to run.
            String name = p.name().replace(liveEntry, "{liveEntry}").replace(retractedEntry, "{retractedEntry}");
            int n = seen.merge(name, 1, Integer::sum);
            named.add(new Probe(n == 1 ? name : name + " (" + n + ")", p.kind(), p.method(), p.path(), p.token(),
                    p.body(), p.contentType(), p.headers(), p.chunked()));
        }
        return named;
    }

    private void fieldMutations(Endpoint endpoint) {
        for (Map.Entry<String, String> field : endpoint.fieldKinds().entrySet()) {
            List<Object> values = new ArrayList<>();
            for (String raw : sample(TYPES, 6)) {
                values.add(new Raw(raw));
            }
            // The brief's named cases for every field of their kind, then a seeded sample of the rest.
            switch (field.getValue()) {
                case "date" -> values.addAll(withCore(DATES, CORE_DATES, 4));
                case "number" -> withCore(NUMBERS, CORE_NUMBERS, 4).forEach(n -> values.add(new Raw(n)));
                case "list", "object", "bool" -> {
                    values.add(new Raw("[null]"));
                    values.add(new Raw("[{\"$where\": \"1\"}]"));
                    values.addAll(sample(STRINGS.subList(0, 8), 3));
                }
                default -> values.addAll(withCore(STRINGS, CORE_STRINGS, 4));
            }
            for (Object value : values) {
                boolean ascii = random.nextBoolean();
                Map<String, Object> body = poisonedWith(endpoint, field.getKey(), value);
                write(endpoint, "field " + field.getKey() + "=" + printable(Json.write(value, true))
                                + (ascii ? " (escaped)" : ""), Json.write(body, ascii), "application/json",
                        Map.of(), false);
            }
            // The field left out altogether.
            Map<String, Object> without = poisonedWith(endpoint, field.getKey(), null);
            remove(without, field.getKey());
            write(endpoint, "field " + field.getKey() + " missing", Json.write(without, false), "application/json",
                    Map.of(), false);
        }
        // Mongo operators as JSON objects, the shapes named in the brief, whatever the endpoint.
        for (String op : List.of("{\"crcId\": {\"$gt\": \"\"}}", "{\"providerId\": {\"$ne\": null}}",
                "{\"changes\": {\"$set\": {\"x\": 1}}}", "{\"sources\": [{\"$where\": \"1\"}]}",
                "{\"$where\": \"sleep(1000)\"}", "{\"reason\": {\"$gt\": \"\"}}", "{\"name\": {\"$regex\": \".*\"}}")) {
            write(endpoint, "operator body " + op, op, "application/json", Map.of(), false);
        }
    }

    /** The poisoned body with {@code field} set to {@code value}, poisoned early if it replaces the late poison. */
    private Map<String, Object> poisonedWith(Endpoint endpoint, String field, Object value) {
        Map<String, Object> body = deepCopy(endpoint.poisoned());
        if (endpoint.latePoisonField() != null && field.split("[.\\[]")[0].equals(endpoint.latePoisonField())) {
            for (Map.Entry<String, Object> early : endpoint.earlyPoisons()) {
                if (!early.getKey().equals(field)) {
                    body.put(early.getKey(), deepCopy(early.getValue()));
                    break;
                }
            }
        }
        set(body, field, value);
        return body;
    }

    private void bodyShapes(Endpoint endpoint) {
        String poisoned = Json.write(endpoint.poisoned(), false);
        List<String> shapes = new ArrayList<>(List.of("", " ", "\n", "null", "true", "0", "-1", "\"text\"", "[]",
                "[" + poisoned + "]", "[" + poisoned + "," + poisoned + "]", "{}", "{", "}", "{}{}",
                poisoned + poisoned, poisoned + "garbage", poisoned.substring(0, poisoned.length() / 2),
                poisoned.replace("\"", "'"), poisoned.replace(":", "="), "{\"\":\"\"}", "{null:1}",
                "{\"a\":1,}", "[1,]", "/* comment */ " + poisoned, "// comment\n" + poisoned,
                "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\\u0000\"}", "\u0000",
                "\"\\ud800\"", "NaN", "undefined"));
        for (String shape : shapes) {
            write(endpoint, "body " + printable(shape.length() > 60 ? shape.substring(0, 60) + "..." : shape),
                    shape, "application/json", Map.of(), false);
        }
        // Duplicate keys: the hostile value first, then last (Jackson keeps the last one by default).
        Map<String, Object> body = endpoint.poisoned();
        for (String key : body.keySet().stream().limit(2).toList()) {
            String pair = Json.write(key, false) + ":" + Json.write(body.get(key), false);
            String first = "{" + Json.write(key, false) + ":{\"$gt\":\"\"}," + poisoned.substring(1);
            String last = poisoned.substring(0, poisoned.length() - 1) + "," + Json.write(key, false)
                    + ":{\"$gt\":\"\"}}";
            String twice = poisoned.substring(0, poisoned.length() - 1) + "," + pair + "}";
            write(endpoint, "duplicate key " + key + " (operator first)", first, "application/json", Map.of(), false);
            write(endpoint, "duplicate key " + key + " (operator last)", last, "application/json", Map.of(), false);
            write(endpoint, "duplicate key " + key + " (same value)", twice, "application/json", Map.of(), false);
        }
    }

    private void contentTypes(Endpoint endpoint) {
        String poisoned = Json.write(endpoint.poisoned(), false);
        List<String> types = new ArrayList<>(List.of("text/plain", "application/xml", "text/xml",
                "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x",
                "application/octet-stream", "application/merge-patch+json", "application/problem+json",
                "application/json; charset=utf-16", "application/json; charset=bogus-charset",
                "application/json; charset=\"", "application/json;;;", "application/", "/", "*/*", "json",
                "APPLICATION/JSON; charset=UTF-32", "text/html"));
        types.add(null);
        for (String type : types) {
            write(endpoint, "content type " + (type == null ? "<none>" : printable(type)), poisoned, type,
                    Map.of(), false);
        }
        write(endpoint, "form body as form", "crcId=west-yorkshire&name=x", "application/x-www-form-urlencoded",
                Map.of(), false);
        write(endpoint, "xml body as xml", "<crc><crcId>west-yorkshire</crcId></crc>", "application/xml",
                Map.of(), false);
        write(endpoint, "no body, no content type", null, null, Map.of(), false);
    }

    private void sizes(Endpoint endpoint) {
        String firstText = endpoint.fieldKinds().entrySet().stream().filter(e -> e.getValue().equals("text"))
                .map(Map.Entry::getKey).filter(k -> !k.contains(".") && !k.contains("[")).findFirst().orElse(null);
        String firstSlug = endpoint.fieldKinds().entrySet().stream().filter(e -> e.getValue().equals("slug"))
                .map(Map.Entry::getKey).filter(k -> !k.contains(".") && !k.contains("[")).findFirst().orElse(null);
        for (String field : new String[] {firstText, firstSlug}) {
            if (field == null) {
                continue;
            }
            for (int target : new int[] {BODY_CAP - 1, BODY_CAP, BODY_CAP + 1, BODY_CAP + 1024, 1_048_576}) {
                write(endpoint, "field " + field + " padded to a body of " + target + " bytes",
                        padded(endpoint, field, target, "x"), "application/json", Map.of(), false);
            }
            // Multi-byte padding just under the cap (each emoji is 4 bytes, 2 chars).
            write(endpoint, "field " + field + " padded with emoji to " + (BODY_CAP - 3) + " bytes",
                    padded(endpoint, field, BODY_CAP - 3, "\ud83d\ude00"), "application/json", Map.of(), false);
        }
        String big = padded(endpoint, firstText != null ? firstText : firstSlug, 100_000, "y");
        write(endpoint, "chunked body of 100000 bytes", big, "application/json", Map.of(), true);
        String under = padded(endpoint, firstText != null ? firstText : firstSlug, 60_000, "y");
        write(endpoint, "chunked body of 60000 bytes", under, "application/json", Map.of(), true);
        write(endpoint, "whitespace body of " + (BODY_CAP + 10) + " bytes", " ".repeat(BODY_CAP + 10),
                "application/json", Map.of(), false);
        write(endpoint, "whitespace body of " + (BODY_CAP - 10) + " bytes", " ".repeat(BODY_CAP - 10),
                "application/json", Map.of(), false);
        write(endpoint, "many keys just under the cap", manyKeys(endpoint, BODY_CAP - 100), "application/json",
                Map.of(), false);
    }

    /** The poisoned body with {@code field} padded with {@code unit} so the UTF-8 body is (about) {@code bytes} long. */
    private String padded(Endpoint endpoint, String field, int bytes, String unit) {
        Map<String, Object> body = poisonedWith(endpoint, field, "");
        int empty = Json.write(body, false).getBytes(StandardCharsets.UTF_8).length;
        int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
        int count = Math.max(0, (bytes - empty) / unitBytes);
        body.put(field, unit.repeat(count));
        return Json.write(body, false);
    }

    private String manyKeys(Endpoint endpoint, int bytes) {
        StringBuilder out = new StringBuilder(Json.write(endpoint.poisoned(), false));
        out.setLength(out.length() - 1);
        for (int i = 0; out.length() < bytes - 20; i++) {
            out.append(",\"k").append(i).append("\":").append(i);
        }
        return out.append('}').toString();
    }

    private void nesting(Endpoint endpoint) {
        for (int depth : new int[] {5_000, 1_001}) {
            write(endpoint, "body nested " + depth + " arrays deep", "[".repeat(depth) + "]".repeat(depth),
                    "application/json", Map.of(), false);
            write(endpoint, "body nested " + depth + " objects deep", "{\"a\":".repeat(depth) + "1" + "}".repeat(depth),
                    "application/json", Map.of(), false);
            write(endpoint, "body opening " + depth + " arrays, never closed", "[".repeat(depth),
                    "application/json", Map.of(), false);
            String field = endpoint.fieldKinds().keySet().iterator().next();
            Map<String, Object> body = poisonedWith(endpoint, field, new Raw("[".repeat(depth) + "]".repeat(depth)));
            write(endpoint, "field " + field + " nested " + depth + " arrays deep", Json.write(body, false),
                    "application/json", Map.of(), false);
            Map<String, Object> objects = poisonedWith(endpoint, field,
                    new Raw("{\"$gt\":".repeat(depth) + "1" + "}".repeat(depth)));
            write(endpoint, "field " + field + " nested " + depth + " operator objects deep",
                    Json.write(objects, false), "application/json", Map.of(), false);
        }
    }

    private void unicodeBodies(Endpoint endpoint) {
        String poisoned = Json.write(endpoint.poisoned(), false);
        byte[] utf8 = poisoned.getBytes(StandardCharsets.UTF_8);
        writeBytes(endpoint, "UTF-8 BOM before the body", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8),
                "application/json");
        writeBytes(endpoint, "UTF-16 body", poisoned.getBytes(StandardCharsets.UTF_16), "application/json");
        writeBytes(endpoint, "UTF-16LE body, no BOM", poisoned.getBytes(StandardCharsets.UTF_16LE), "application/json");
        writeBytes(endpoint, "UTF-32 body", poisoned.getBytes(java.nio.charset.Charset.forName("UTF-32")),
                "application/json");
        writeBytes(endpoint, "Latin-1 body with e-acute", poisoned.replace("a", "\u00e9")
                .getBytes(StandardCharsets.ISO_8859_1), "application/json");
        byte[][] invalid = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}};
        String firstKey = endpoint.poisoned().keySet().iterator().next();
        for (byte[] bad : invalid) {
            // Invalid UTF-8 inside the first string value, and as the whole body.
            String marker = "\"" + firstKey + "\":\"";
            int at = poisoned.indexOf(marker);
            byte[] inside;
            if (at >= 0) {
                byte[] head = poisoned.substring(0, at + marker.length()).getBytes(StandardCharsets.UTF_8);
                byte[] tail = poisoned.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8);
                inside = concat(concat(head, bad), tail);
            } else {
                inside = concat(bad, utf8);
            }
            writeBytes(endpoint, "invalid UTF-8 " + hex(bad) + " in a string", inside, "application/json");
            writeBytes(endpoint, "invalid UTF-8 " + hex(bad) + " as the body", bad, "application/json");
        }
    }

    private void idempotencyKeys(Endpoint endpoint) {
        String poisoned = Json.write(endpoint.poisoned(), false);
        for (String key : List.of("k".repeat(201), " ", "'; DROP TABLE idempotency_keys; --", "{\"$gt\": \"\"}",
                "k".repeat(9000))) {
            write(endpoint, "Idempotency-Key " + printable(key.length() > 40 ? key.substring(0, 40) + "..." : key),
                    poisoned, "application/json", Map.of("Idempotency-Key", key), false);
        }
        // A fresh, valid key with a refused body twice: the refusal must not be remembered as an answer.
        String key = "hostile-" + endpoint.path().replaceAll("[^a-z]", "");
        write(endpoint, "Idempotency-Key valid, refused body (1)", poisoned, "application/json",
                Map.of("Idempotency-Key", key), false);
        write(endpoint, "Idempotency-Key valid, refused body (2)", poisoned, "application/json",
                Map.of("Idempotency-Key", key), false);
    }

    /** Corrections of the live entry: only changes the ledger must refuse. */
    private void liveCorrections() {
        String path = "/api/entries/" + liveEntry + "/corrections";
        List<String> changes = new ArrayList<>(List.of(
                "{}", "null", "[]", "\"totalPosts\"", "1", "{\"$set\": {\"x\": 1}}", "{\"$set\": {\"totalPosts\": 1}}",
                "{\"$where\": \"1\"}", "{\"$unset\": {\"sources\": 1}}", "{\"totalPosts\": {\"$gt\": 0}}",
                "{\"totalPosts\": {\"$inc\": 1}}", "{\"totalPosts\": [150]}", "{\"totalPosts\": true}",
                "{\"totalPosts\": 1e400, \"$x\": 1}", "{\"totalPosts\": -0}", "{\"totalPosts\": \"NaN\"}",
                "{\"totalPosts\": \"Infinity\"}", "{\"totalPosts\": 0.5}", "{\"totalPosts\": \"1,000\"}",
                "{\"totalPosts\": \"" + "9".repeat(2000) + "e-99999\"}",
                "{\"percentage\": 1e400}", "{\"percentage\": 9223372036854775808}", "{\"percentage\": -0}",
                "{\"percentage\": \"NaN\"}", "{\"percentage\": 100.0000000001}",
                "{\"announcedOn\": \"0000-00-00\"}", "{\"announcedOn\": \"+999999999-12-31\"}",
                "{\"announcedOn\": \"-999999999-01-01\"}", "{\"announcedOn\": \"2016-02-30\"}",
                "{\"announcedOn\": \"-1\"}", "{\"announcedOn\": 20160120}", "{\"announcedOn\": {\"$gt\": \"\"}}",
                "{\"providerId\": \"'; DROP TABLE\"}", "{\"providerId\": \"../../etc/passwd\"}",
                "{\"providerId\": {\"$ne\": null}}", "{\"providerId\": \"\\ud800\"}",
                "{\"crcs\": [{\"$where\": \"1\"}]}", "{\"crcs\": [{\"crcId\": {\"$gt\": \"\"}}]}",
                "{\"crcs\": {\"$gt\": \"\"}}", "{\"crcs\": [null]}", "{\"crcs\": [\"west-yorkshire\"]}",
                "{\"crcs\": [{\"crcId\": \"<script>\"}]}", "{\"crcs\": [[[[[]]]]]}",
                "{\"sources\": [{\"$where\": \"1\"}]}", "{\"sources\": [{\"title\": {\"$gt\": \"\"}}]}",
                "{\"sources\": [{\"title\": \"t\"}]}", "{\"sources\": [{\"title\": \"t\", \"url\": \"javascript:alert(1)\"}]}",
                "{\"sources\": [{\"title\": \"t\", \"url\": \"file:///etc/passwd\"}]}",
                "{\"sources\": [null]}", "{\"sources\": \"<script>\"}",
                "{\"description\": {\"$gt\": \"\"}}", "{\"description\": [\"\\ud800\"]}",
                "{\"entryId\": \"other\"}", "{\"type\": \"contract-award\"}", "{\"recordedBy\": \"mallory\"}",
                "{\"status\": \"active\"}", "{\"revisions\": []}", "{\"_id\": 1}", "{\"\": 1}", "{\"\\u0000\": 1}",
                "{\"totalPosts\\u0000\": 1}", "{\"TOTALPOSTS\": 1}", "{\"totalPosts \": 1}",
                "{\"\\ufefftotalPosts\": 1}", "{\"totalPosts\": 150, \"$where\": \"1\"}",
                "{\"description\": " + "{\"a\":".repeat(400) + "1" + "}".repeat(400) + "}"));
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
        }
        changes.add(many.append('}').toString());
        for (String change : changes) {
            for (String reason : List.of(random.nextBoolean() ? "\"checked\"" : "\"\\ud83d\\ude00 \\u202e\\u0000\"")) {
                String body = "{\"changes\":" + change + ",\"reason\":" + reason + "}";
                write(path, editor, "live correction changes=" + printable(change.length() > 60
                        ? change.substring(0, 60) + "..." : change) + " reason=" + reason, body);
            }
        }
        for (String reason : List.of("null", "\"\"", "\"   \"", "\"\\t\\n\"", "{}", "[]", "{\"$gt\": \"\"}",
                "[\"why\"]", "\"" + "r".repeat(2001) + "\"", "\"" + "\\ud800".repeat(2001) + "\"")) {
            String body = "{\"changes\":{\"totalPosts\":150},\"reason\":" + reason + "}";
            write(path, editor, "live correction reason=" + printable(reason.length() > 40
                    ? reason.substring(0, 40) + "..." : reason), body);
        }
        write(path, editor, "live correction without reason", "{\"changes\":{\"totalPosts\":150}}");
        write(path, editor, "live correction without changes", "{\"reason\":\"why\"}");
    }

    /** Retractions of the live entry: only reasons the ledger must refuse. */
    private void liveRetractions() {
        String path = "/api/entries/" + liveEntry + "/retraction";
        for (String reason : List.of("null", "\"\"", "\"   \"", "\"\\u0009\\u000a\"", "{}", "[]",
                "{\"$gt\": \"\"}", "{\"$ne\": null}", "[\"why\"]", "[{\"$where\": \"1\"}]",
                "\"" + "r".repeat(2001) + "\"", "\"" + "\\u0000".repeat(2001) + "\"",
                "\"" + "\\ud83d\\ude00".repeat(1001) + "\"", "\"" + "\\u0301".repeat(2001) + "\"")) {
            write(path, editor, "live retraction reason=" + printable(reason.length() > 40
                    ? reason.substring(0, 40) + "..." : reason), "{\"reason\":" + reason + "}");
        }
        write(path, editor, "live retraction without reason", "{}");
        write(path, editor, "live retraction with only an operator", "{\"$set\":{\"status\":\"retracted\"}}");
    }

    /** Corrections and retractions at ids that are not there or cannot be ids. */
    private void entryPathIds() {
        for (String id : sample(pathIds(), 20)) {
            write("/api/entries/" + id + "/corrections", editor, "correction of entry " + id,
                    "{\"changes\":{\"totalPosts\":150},\"reason\":\"why\"}");
            write("/api/entries/" + id + "/retraction", editor, "retraction of entry " + id, "{\"reason\":\"why\"}");
        }
    }

    /** Path segments, already percent-encoded (or deliberately not). */
    List<String> pathIds() {
        List<String> ids = new ArrayList<>();
        for (String s : STRINGS) {
            if (!s.isEmpty()) {
                ids.add(encode(s));
            }
        }
        ids.addAll(List.of("%ED%A0%80", "%C3%28", "%FF", "%C0%AF", "%00", "%2F", "%5C", "%25", "%2e%2e",
                "..", ".", "x;jsessionid=1", "x%3Bx", "%E2%80%AE", "%EF%BB%BF", "job-cuts-2016-01-20-00000000",
                "x".repeat(101), "x".repeat(5000), "9223372036854775808", "-0", "1e400", "NaN", "null",
                "undefined", "west-yorkshire%00", "%24where", "%7B%22%24gt%22%3A%22%22%7D",
                "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd"));
        return ids;
    }

    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        // A lone surrogate becomes '?' in UTF-8; send its (invalid) CESU-8 bytes instead.
        return s.chars().anyMatch(ch -> Character.isSurrogate((char) ch)) && !s.codePoints()
                .anyMatch(Character::isSupplementaryCodePoint) ? out.toString().replace("%3F", "%ED%A0%80") : out.toString();
    }

    /** Random recombinations and structural mutations of the poisoned bodies. */
    private void randomFuzz(int count) {
        List<Endpoint> endpoints = endpoints();
        String structural = "{}[]:,\"\\";
        for (int i = 0; i < count; i++) {
            Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            String body;
            String what;
            switch (random.nextInt(3)) {
                case 0 -> {
                    // Two hostile values in two fields at once.
                    List<String> fields = new ArrayList<>(endpoint.fieldKinds().keySet());
                    String a = fields.get(random.nextInt(fields.size()));
                    String rootA = a.split("[.\\[]")[0];
                    List<String> others = fields.stream().filter(f -> !f.split("[.\\[]")[0].equals(rootA)).toList();
                    String b = others.isEmpty() ? a : others.get(random.nextInt(others.size()));
                    Object va = pick();
                    Object vb = pick();
                    Map<String, Object> m = poisonedWith(endpoint, a, va);
                    Map<String, Object> withB = poisonedWith(endpoint, b, vb);
                    try {
                        set(m, b, get(withB, b));
                    } catch (RuntimeException containerReplaced) {
                        // b lay inside what a replaced (or the early poison emptied): a alone, then.
                    }
                    if (endpoint.latePoisonField() != null) {
                        endpoint.earlyPoisons().stream().filter(e -> !e.getKey().equals(a) && !e.getKey().equals(b))
                                .findFirst().ifPresent(e -> m.put(e.getKey(), deepCopy(e.getValue())));
                    }
                    body = Json.write(m, random.nextBoolean());
                    what = "fuzz two fields " + a + "," + b;
                }
                case 1 -> {
                    // Structural damage to the poisoned body.
                    StringBuilder s = new StringBuilder(Json.write(endpoint.poisoned(), false));
                    int edits = 1 + random.nextInt(3);
                    for (int e = 0; e < edits; e++) {
                        List<Integer> positions = new ArrayList<>();
                        for (int p = 0; p < s.length(); p++) {
                            if (structural.indexOf(s.charAt(p)) >= 0) {
                                positions.add(p);
                            }
                        }
                        int at = positions.get(random.nextInt(positions.size()));
                        char with = structural.charAt(random.nextInt(structural.length()));
                        switch (random.nextInt(3)) {
                            case 0 -> s.deleteCharAt(at);
                            case 1 -> s.insert(at, with);
                            default -> s.setCharAt(at, with);
                        }
                    }
                    body = s.toString();
                    what = "fuzz structural";
                }
                default -> {
                    // A random field replaced by a random deep mixture of hostile values.
                    List<String> fields = new ArrayList<>(endpoint.fieldKinds().keySet());
                    String f = fields.get(random.nextInt(fields.size()));
                    body = Json.write(poisonedWith(endpoint, f, mixture(4)), random.nextBoolean());
                    what = "fuzz mixture in " + f;
                }
            }
            write(endpoint, what + " #" + i, body, "application/json", Map.of(), false);
        }
    }

    static final List<String> CORE_STRINGS = List.of("'; DROP TABLE events; --", "../../etc/passwd",
            "<script>alert(1)</script>", "$where", "{\"$gt\": \"\"}", "a\ud800b", "west\u0000yorkshire",
            "\u202eevil\u202c", "\ud83d\ude00", "e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030a\u030b\u030c",
            "\ufeffwest-yorkshire");
    static final List<String> CORE_DATES = List.of("0000-00-00", "+999999999-12-31", "2016-02-30", "-1");
    static final List<String> CORE_NUMBERS = List.of("1e400", "-0", "\"NaN\"", "9223372036854775808");

    /** The core items, then n more of the pool chosen by the seeded random. */
    private <T> List<T> withCore(List<T> pool, List<T> core, int n) {
        List<T> rest = pool.stream().filter(v -> !core.contains(v)).toList();
        List<T> out = new ArrayList<>(core);
        out.addAll(sample(rest, n));
        return out;
    }

    /** n items of a pool, chosen by the seeded random, in pool order. */
    private <T> List<T> sample(List<T> pool, int n) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            indexes.add(i);
        }
        java.util.Collections.shuffle(indexes, random);
        return indexes.stream().limit(n).sorted().map(pool::get).toList();
    }

    private Object pick() {
        return switch (random.nextInt(4)) {
            case 0 -> STRINGS.get(random.nextInt(STRINGS.size()));
            case 1 -> DATES.get(random.nextInt(DATES.size()));
            case 2 -> new Raw(NUMBERS.get(random.nextInt(NUMBERS.size())));
            default -> new Raw(TYPES.get(random.nextInt(TYPES.size())));
        };
    }

    private Object mixture(int depth) {
        if (depth == 0) {
            return pick();
        }
        return switch (random.nextInt(3)) {
            case 0 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(mixture(depth - 1));
                }
                yield list;
            }
            case 1 -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    Object key = pick();
                    map.put(key instanceof String s ? s : "$" + random.nextInt(100), mixture(depth - 1));
                }
                yield map;
            }
            default -> pick();
        };
    }

    // ---- reads ----

    private void reads() {
        List<String> ids = pathIds();
        List<String> idPaths = List.of("/api/crcs/%s", "/api/crcs/%s/timeline", "/api/providers/%s",
                "/api/providers/%s/timeline", "/api/entries/%s", "/api/admin/tokens/%s");
        for (String template : idPaths) {
            for (String id : sample(ids, 15)) {
                read(template.formatted(id), template.contains("admin") ? admin : null);
            }
        }
        // Raw, unencoded traversal and odd paths.
        for (String raw : List.of("/api/crcs/../../etc/passwd", "/api/crcs/..%2F..%2Fetc%2Fpasswd",
                "/api/crcs//west-yorkshire", "/api/crcs/west-yorkshire/", "/api/crcs/west-yorkshire;x=1/timeline",
                "/api/./crcs", "/api/crcs/%2e%2e/providers", "/api/crcs/west-yorkshire/timeline/..",
                "/api/entries/", "/api/entries", "/api/crcs/west-yorkshire/timeline%00",
                "/%61pi/crcs", "/API/CRCS", "/api/crcs?", "/api/crcs?&&&", "/api/crcs?=", "/api/crcs?asOf",
                "/api/crcs?a=%25ZZ")) {
            read(raw, null);
        }
        // Bad query parameters.
        List<String> values = new ArrayList<>();
        for (String s : STRINGS) {
            values.add(encode(s));
        }
        for (String d : DATES) {
            values.add(encode(d));
        }
        for (String n : NUMBERS) {
            if (n.length() < 200) {
                values.add(encode(n.replace("\"", "")));
            }
        }
        values.addAll(List.of("%ED%A0%80", "%C3%28", "%FF", "%00", "x".repeat(5000), "1e400", "2147483647",
                "-2147483648", "9223372036854775807", "%24gt", "%5B%5D", "[$gt]="));
        for (String base : List.of("/api/crcs/west-yorkshire/timeline", "/api/providers/purple-futures/timeline")) {
            for (String param : List.of("from", "to", "type", "provider", "asOf", "page", "size")) {
                for (String value : sample(values, 12)) {
                    read(base + "?" + param + "=" + value, null);
                }
            }
            for (String combo : List.of("page=2147483647&size=200", "page=10737419&size=200", "page=1&page=x",
                    "size=1&size=2", "type=job-cut-announcement&type=%24where", "from=2016-01-01&to=2015-01-01",
                    "from[$gt]=&to[$lt]=", "provider[$ne]=x", "asOf=2016-01-20T00:00:00Z&asOf=x",
                    "asOf=+999999999-12-31T23:59:59.999999999Z", "asOf=-1000000000-01-01T00:00:00Z",
                    "asOf=1970-01-01T00:00:00Z", "asOf=0", "asOf=-9223372036854775808",
                    "size=200&" + "type=job-cut-announcement&".repeat(500), "x=" + "y".repeat(6000))) {
                read(base + "?" + combo, null);
            }
        }
        for (String base : List.of("/api/crcs", "/api/crcs/west-yorkshire", "/api/providers/purple-futures",
                "/api/entries/" + liveEntry)) {
            for (String value : sample(values, 10)) {
                read(base + "?asOf=" + value, null);
            }
        }
        // The transparency log: tile paths, sizes, positions and proofs from hostile hands.
        for (String template : List.of("/tlog/payloads/%s", "/tlog/checkpoints?size=%s", "/tlog/proof/consistency?from=%s&to=3",
                "/tlog/proof/consistency?from=1&to=%s", "/tlog/tile/0/%s", "/tlog/tile/%s/000", "/tlog/tile/entries/%s",
                "/tlog/payload-bundles/%s", "/api/entries/%s/proof", "/api/entries/" + liveEntry + "/proof?format=%s")) {
            // Only what a URI may carry as it is (the client refuses a raw '[' in a path before sending).
            for (String value : sample(values.stream().filter(v -> v.matches("[A-Za-z0-9%._~+=$-]*")).toList(), 12)) {
                read(template.formatted(value), null);
            }
        }
        for (String raw : List.of("/tlog/tile/0/000.p/0", "/tlog/tile/0/000.p/256", "/tlog/tile/0/x000/001",
                "/tlog/tile/0/x1/000", "/tlog/tile/64/000", "/tlog/tile/0/000.p/", "/tlog/tile/0/000.p/1/extra",
                "/tlog/tile/entries/x999/x999/x999/x999/x999/x999/x999/999", "/tlog/tile/", "/tlog/tile",
                "/tlog/tile/0/..%2F..%2Fetc%2Fpasswd", "/tlog/tile/0/000%00", "/tlog/payloads/-1",
                "/tlog/payloads/99999999999999999999", "/tlog/checkpoints?size=0", "/tlog/proof/consistency",
                "/tlog/proof/consistency?from=0&to=0", "/tlog/", "/tlog")) {
            read(raw, null);
        }
        read("/api/providers?asOf=%24where", null);
        read("/api/admin/tokens?name[$ne]=x", admin);
        read("/api/admin/projections?%24where=1", admin);
    }

    private void badTokens() {
        for (String token : List.of("'; DROP TABLE api_tokens; --", "{\"$gt\": \"\"}", "a.b.c", ".", "x".repeat(10_000),
                "../../etc/passwd", "$where", "null", editor + "x", editor.substring(0, editor.length() - 1))) {
            Map<String, Object> body = obj("crcId", "never-stored", "name", "");
            probes.add(new Probe("bad bearer token " + printable(token.length() > 30 ? token.substring(0, 30) + "..." : token),
                    Kind.WRITE, "POST", "/api/crcs", token, Json.write(body, false).getBytes(StandardCharsets.UTF_8),
                    "application/json", Map.of(), false));
        }
        for (String header : List.of("Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer  ", "bearer " + editor + " extra",
                "Digest x", "\u00e9")) {
            probes.add(new Probe("Authorization " + printable(header.length() > 30 ? header.substring(0, 30) : header),
                    Kind.WRITE, "POST", "/api/crcs", null,
                    Json.write(obj("crcId", "never-stored", "name", ""), false).getBytes(StandardCharsets.UTF_8),
                    "application/json", Map.of("Authorization", header), false));
        }
    }

    /**
     * The admin's writes that take no body, at ids and names that are not there: revoking a token and
     * rebuilding a projection (every path id, so no draw from the seeded random).
     */
    private void adminWrites() {
        for (String id : pathIds()) {
            probes.add(new Probe("DELETE /api/admin/tokens/" + id, Kind.WRITE, "DELETE", "/api/admin/tokens/" + id,
                    admin, null, null, Map.of(), false));
            probes.add(new Probe("POST /api/admin/projections/" + id + "/rebuild", Kind.WRITE, "POST",
                    "/api/admin/projections/" + id + "/rebuild", admin, null, null, Map.of(), false));
        }
    }

    // ---- helpers ----

    private void write(Endpoint endpoint, String what, String body, String contentType, Map<String, String> headers,
                       boolean chunked) {
        probes.add(new Probe("POST " + endpoint.path() + " " + what, Kind.WRITE, "POST", endpoint.path(),
                endpoint.token(), body == null ? null : body.getBytes(StandardCharsets.UTF_8), contentType, headers,
                chunked));
    }

    private void writeBytes(Endpoint endpoint, String what, byte[] body, String contentType) {
        probes.add(new Probe("POST " + endpoint.path() + " " + what, Kind.WRITE, "POST", endpoint.path(),
                endpoint.token(), body, contentType, Map.of(), false));
    }

    private void write(String path, String token, String what, String body) {
        probes.add(new Probe("POST " + path + " " + what, Kind.WRITE, "POST", path, token,
                body.getBytes(StandardCharsets.UTF_8), "application/json", Map.of(), false));
    }

    private void read(String path, String token) {
        probes.add(new Probe("GET " + (path.length() > 200 ? path.substring(0, 200) + "..." : path), Kind.READ,
                "GET", path, token, null, null, Map.of(), false));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02X", b & 0xff));
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }

    /** Sets a value at "a", "a.b", "a[0]" or "a[0].b" (the containers must exist). */
    @SuppressWarnings("unchecked")
    static void set(Map<String, Object> body, String path, Object value) {
        Object container = body;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            int bracket = part.indexOf('[');
            String key = bracket < 0 ? part : part.substring(0, bracket);
            Map<String, Object> map = (Map<String, Object>) container;
            if (bracket < 0) {
                if (last) {
                    map.put(key, value);
                    return;
                }
                container = map.computeIfAbsent(key, k -> new LinkedHashMap<>());
            } else {
                int index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
                List<Object> list = (List<Object>) map.get(key);
                if (last) {
                    list.set(index, value);
                    return;
                }
                container = list.get(index);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Object get(Map<String, Object> body, String path) {
        Object container = body;
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            String key = bracket < 0 ? part : part.substring(0, bracket);
            container = ((Map<String, Object>) container).get(key);
            if (bracket >= 0) {
                container = ((List<Object>) container).get(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
            }
        }
        return container;
    }

    @SuppressWarnings("unchecked")
    static void remove(Map<String, Object> body, String path) {
        int dot = path.lastIndexOf('.');
        String last = dot < 0 ? path : path.substring(dot + 1);
        Object container = dot < 0 ? body : get(body, path.substring(0, dot));
        int bracket = last.indexOf('[');
        if (bracket < 0) {
            ((Map<String, Object>) container).remove(last);
        } else {
            List<Object> list = (List<Object>) ((Map<String, Object>) container).get(last.substring(0, bracket));
            list.remove(Integer.parseInt(last.substring(bracket + 1, last.length() - 1)));
        }
    }
}

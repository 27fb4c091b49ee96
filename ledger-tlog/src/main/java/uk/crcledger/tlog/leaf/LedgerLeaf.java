package uk.crcledger.tlog.leaf;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * What the log commits to for one ledger event: its position, identity and metadata, and the
 * SHA-256 of the payload's stored bytes. The Merkle leaf is {@link #canonicalBytes()}.
 *
 * <p>These bytes are computed once, when the event is appended, and stored verbatim next to the
 * event; the tree, tiles and proofs are over those stored bytes, never over a re-serialization. A
 * later change of JSON library, Jackson version or field order must not be able to change what was
 * logged; {@link #parse} re-encodes only to check that stored bytes are canonical.
 *
 * @param position the event's 1-based position in the ledger (the leaf index is position - 1)
 * @param eventId the event's identifier
 * @param type the event type
 * @param aggregateId the aggregate the event belongs to, or null
 * @param sequence the event's sequence number within its aggregate, or null
 * @param recordedAt when the event was recorded, as stored (an ISO-8601 string)
 * @param recordedBy who recorded it
 * @param payloadSha256 lower-case hex SHA-256 of the payload's stored bytes
 */
public record LedgerLeaf(
        long position,
        String eventId,
        String type,
        String aggregateId,
        Long sequence,
        String recordedAt,
        String recordedBy,
        String payloadSha256) {

    /**
     * 2^53 - 1. JCS writes numbers as IEEE-754 doubles (RFC 8785 section 3.2.2.3), so a larger
     * integer would be logged rounded; we refuse it instead.
     */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private static final List<String> MEMBERS = List.of(
            "position", "eventId", "type", "aggregateId", "sequence", "recordedAt", "recordedBy", "payloadSha256");

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public LedgerLeaf {
        if (position < 1 || position > MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException("position must be in 1.." + MAX_SAFE_INTEGER + ": " + position);
        }
        if (sequence != null && (sequence < 0 || sequence > MAX_SAFE_INTEGER)) {
            throw new IllegalArgumentException("sequence must be in 0.." + MAX_SAFE_INTEGER + ": " + sequence);
        }
        requireText("eventId", eventId);
        requireText("type", type);
        requireText("recordedAt", recordedAt);
        requireText("recordedBy", recordedBy);
        if (aggregateId != null) {
            requireText("aggregateId", aggregateId);
        }
        if (payloadSha256 == null || !payloadSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("payloadSha256 must be 64 lower-case hex digits");
        }
    }

    /** Non-null, and encodable as UTF-8 (no lone surrogates), so that the JSON is well defined. */
    private static void requireText(String member, String value) {
        Objects.requireNonNull(value, member + " must not be null");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(member + " contains a lone surrogate, which has no UTF-8 encoding");
            }
        }
    }

    /**
     * The UTF-8 bytes of the RFC 8785 canonical JSON of an object with exactly the eight members
     * (nulls written as JSON null): Jackson builds the JSON, JCS fixes member order, string escapes
     * and number form.
     */
    public byte[] canonicalBytes() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("position", position);
        node.put("eventId", eventId);
        node.put("type", type);
        if (aggregateId == null) {
            node.putNull("aggregateId");
        } else {
            node.put("aggregateId", aggregateId);
        }
        if (sequence == null) {
            node.putNull("sequence");
        } else {
            node.put("sequence", sequence.longValue());
        }
        node.put("recordedAt", recordedAt);
        node.put("recordedBy", recordedBy);
        node.put("payloadSha256", payloadSha256);
        try {
            return Jcs.canonicalize(MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Jackson could not write a tree of strings and numbers", e);
        }
    }

    /**
     * Reads leaf bytes as stored, and insists they are exactly what {@link #canonicalBytes()} gives
     * for the leaf they describe: any other spelling of the same data (whitespace, member order,
     * escapes, 1.0 for 1, a BOM, another encoding) would be a different Merkle leaf for the same
     * event, so it is refused.
     */
    public static LedgerLeaf parse(byte[] leafBytes) {
        Objects.requireNonNull(leafBytes, "leafBytes");
        JsonNode node;
        try {
            node = MAPPER.readTree(Jcs.strictUtf8(leafBytes));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("leaf is not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("leaf is not a JSON object");
        }
        if (node.size() != MEMBERS.size()) {
            throw new IllegalArgumentException("leaf must have exactly the members " + MEMBERS);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw new IllegalArgumentException("leaf has an unknown member \"" + name + "\"");
            }
        }
        LedgerLeaf leaf = new LedgerLeaf(
                integer(node, "position", false),
                string(node, "eventId", false),
                string(node, "type", false),
                string(node, "aggregateId", true),
                integer(node, "sequence", true),
                string(node, "recordedAt", false),
                string(node, "recordedBy", false),
                string(node, "payloadSha256", false));
        if (!Arrays.equals(leaf.canonicalBytes(), leafBytes)) {
            throw new IllegalArgumentException("leaf bytes are not the canonical (RFC 8785) encoding of the leaf");
        }
        return leaf;
    }

    private static String string(JsonNode object, String member, boolean nullable) {
        JsonNode value = object.get(member);
        if (nullable && value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("leaf member \"" + member + "\" must be a string" + (nullable ? " or null" : ""));
        }
        return value.textValue();
    }

    private static Long integer(JsonNode object, String member, boolean nullable) {
        JsonNode value = object.get(member);
        if (nullable && value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("leaf member \"" + member + "\" must be an integer" + (nullable ? " or null" : ""));
        }
        return value.longValue();
    }

    /** Lower-case hex SHA-256, the form of {@link #payloadSha256()}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}

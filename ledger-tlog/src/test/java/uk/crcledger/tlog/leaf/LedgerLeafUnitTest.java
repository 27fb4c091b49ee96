package uk.crcledger.tlog.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LedgerLeafUnitTest {

    private static final String SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static LedgerLeaf leaf(String recordedBy) {
        return new LedgerLeaf(42, "0b6f9c1e-6d0a-4c4f-9f3e-2f1d7c1a5b10", "MemberJoined", "member-7", 3L,
                "2026-12-04T21:30:00.123Z", recordedBy, SHA);
    }

    @Test
    void sha256HexOfEmptyInput() {
        assertThat(LedgerLeaf.sha256Hex(new byte[0])).isEqualTo(SHA);
        assertThat(LedgerLeaf.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void canonicalBytesAreSortedCompactJson() {
        String expected = "{\"aggregateId\":\"member-7\",\"eventId\":\"0b6f9c1e-6d0a-4c4f-9f3e-2f1d7c1a5b10\","
                + "\"payloadSha256\":\"" + SHA + "\",\"position\":42,\"recordedAt\":\"2026-12-04T21:30:00.123Z\","
                + "\"recordedBy\":\"admin\",\"sequence\":3,\"type\":\"MemberJoined\"}";
        assertThat(new String(leaf("admin").canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void nullMembersAreWrittenAsJsonNull() {
        LedgerLeaf leaf = new LedgerLeaf(1, "e", "T", null, null, "t", "b", SHA);
        assertThat(new String(leaf.canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"aggregateId\":null,\"eventId\":\"e\",\"payloadSha256\":\"" + SHA
                        + "\",\"position\":1,\"recordedAt\":\"t\",\"recordedBy\":\"b\",\"sequence\":null,\"type\":\"T\"}");
        assertThat(LedgerLeaf.parse(leaf.canonicalBytes())).isEqualTo(leaf);
    }

    @Test
    void unicodeAndEscapesSurviveTheRoundTrip() {
        String who = "Jos\u00e9 \u2014 \ud83d\ude42 \"q\" \\ / \n\t\u0001\u007f </script>";
        LedgerLeaf leaf = leaf(who);
        byte[] bytes = leaf.canonicalBytes();
        String json = new String(bytes, StandardCharsets.UTF_8);
        // RFC 8785 3.2.2.2: non-ASCII as raw UTF-8; only ", \ and controls escaped, short forms
        // where JSON has them, else lower-case \\u00xx; '/' and DEL as themselves.
        assertThat(json).contains("\"recordedBy\":\"Jos\u00e9 \u2014 \ud83d\ude42 \\\"q\\\" \\\\ / \\n\\t\\u0001\u007f </script>\"");
        LedgerLeaf back = LedgerLeaf.parse(bytes);
        assertThat(back).isEqualTo(leaf);
        assertThat(back.recordedBy()).isEqualTo(who);
        assertThat(back.canonicalBytes()).isEqualTo(bytes);
    }

    @Test
    void largestSafeIntegersRoundTrip() {
        LedgerLeaf leaf = new LedgerLeaf(LedgerLeaf.MAX_SAFE_INTEGER, "e", "T", null, LedgerLeaf.MAX_SAFE_INTEGER, "t", "b", SHA);
        assertThat(new String(leaf.canonicalBytes(), StandardCharsets.UTF_8)).contains("\"position\":9007199254740991");
        assertThat(LedgerLeaf.parse(leaf.canonicalBytes())).isEqualTo(leaf);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // whitespace
        "{ \"aggregateId\":null,\"eventId\":\"e\",\"payloadSha256\":\"" + SHA + "\",\"position\":1,\"recordedAt\":\"t\",\"recordedBy\":\"b\",\"sequence\":null,\"type\":\"T\"}",
        // trailing newline
        "{\"aggregateId\":null,\"eventId\":\"e\",\"payloadSha256\":\"" + SHA + "\",\"position\":1,\"recordedAt\":\"t\",\"recordedBy\":\"b\",\"sequence\":null,\"type\":\"T\"}\n",
        // member order
        "{\"eventId\":\"e\",\"aggregateId\":null,\"payloadSha256\":\"" + SHA + "\",\"position\":1,\"recordedAt\":\"t\",\"recordedBy\":\"b\",\"sequence\":null,\"type\":\"T\"}",
        // needless escape
        "{\"aggregateId\":null,\"eventId\":\"\\u0065\",\"payloadSha256\":\"" + SHA + "\",\"position\":1,\"recordedAt\":\"t\",\"recordedBy\":\"b\",\"sequence\":null,\"type\":\"T\"}",
        // number form
        "{\"aggregateId\":null,\"eventId\":\"e\",\"payloadSha256\":\"" + SHA + "\",\"position\":1.0,\"recordedAt\":\"t\",\"recordedBy\":\"b\",\"sequence\":null,\"type\":\"T\"}",
        "{\"aggregateId\":null,\"eventId\":\"e\",\"payloadSha256\":\"" + SHA + "\",\"position\":1e0,\"recordedAt\":\"t\",\"recordedBy\":\"b\",\"sequence\":null,\"type\":\"T\"}",
        // number as string
        "{\"aggregateId\":null,\"eventId\":\"e\",\"payloadSha256\":\"" + SHA + "\",\"position\":\"1\",\"recordedAt\":\"t\",\"recordedBy\":\"b\",\"sequence\":null,\"type\":\"T\"}",
        // missing member
        "{\"eventId\":\"e\",\"payloadSha256\":\"" + SHA + "\",\"position\":1,\"recordedAt\":\"t\",\"recordedBy\":\"b\",\"sequence\":null,\"type\":\"T\"}",
        // extra member
        "{\"aggregateId\":null,\"eventId\":\"e\",\"extra\":1,\"payloadSha256\":\"" + SHA + "\",\"position\":1,\"recordedAt\":\"t\",\"recordedBy\":\"b\",\"sequence\":null,\"type\":\"T\"}",
        // duplicate member
        "{\"aggregateId\":null,\"eventId\":\"e\",\"eventId\":\"e\",\"payloadSha256\":\"" + SHA + "\",\"position\":1,\"recordedAt\":\"t\",\"recordedBy\":\"b\",\"type\":\"T\"}",
        // invalid values
        "{\"aggregateId\":null,\"eventId\":\"e\",\"payloadSha256\":\"" + SHA + "\",\"position\":0,\"recordedAt\":\"t\",\"recordedBy\":\"b\",\"sequence\":null,\"type\":\"T\"}",
        "{\"aggregateId\":null,\"eventId\":null,\"payloadSha256\":\"" + SHA + "\",\"position\":1,\"recordedAt\":\"t\",\"recordedBy\":\"b\",\"sequence\":null,\"type\":\"T\"}",
        "{\"aggregateId\":null,\"eventId\":\"e\",\"payloadSha256\":\"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855\",\"position\":1,\"recordedAt\":\"t\",\"recordedBy\":\"b\",\"sequence\":null,\"type\":\"T\"}",
        "[1]",
        "null",
        "",
    })
    void refusesNonCanonicalOrInvalidLeaves(String json) {
        assertThatThrownBy(() -> LedgerLeaf.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesOtherEncodingsOfCanonicalJson() {
        byte[] canonical = leaf("Jos\u00e9").canonicalBytes();
        byte[] withBom = new byte[canonical.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(canonical, 0, withBom, 3, canonical.length);
        assertThatThrownBy(() -> LedgerLeaf.parse(withBom)).isInstanceOf(IllegalArgumentException.class);
        byte[] utf16 = new String(canonical, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
        assertThatThrownBy(() -> LedgerLeaf.parse(utf16)).isInstanceOf(IllegalArgumentException.class);
        byte[] latin1 = new String(canonical, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> LedgerLeaf.parse(latin1)).hasMessageContaining("UTF-8");
    }

    @Test
    void constructorValidates() {
        assertThatThrownBy(() -> new LedgerLeaf(0, "e", "T", null, null, "t", "b", SHA)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LedgerLeaf(LedgerLeaf.MAX_SAFE_INTEGER + 1, "e", "T", null, null, "t", "b", SHA))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LedgerLeaf(1, "e", "T", null, -1L, "t", "b", SHA)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LedgerLeaf(1, null, "T", null, null, "t", "b", SHA)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new LedgerLeaf(1, "e", null, null, null, "t", "b", SHA)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new LedgerLeaf(1, "e", "T", null, null, null, "b", SHA)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new LedgerLeaf(1, "e", "T", null, null, "t", null, SHA)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new LedgerLeaf(1, "e", "T", null, null, "t", "b", SHA.substring(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LedgerLeaf(1, "e", "T", null, null, "t", "b", SHA.toUpperCase())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LedgerLeaf(1, "e", "T", null, null, "t", "\ud800", SHA)).isInstanceOf(IllegalArgumentException.class);
    }
}

package uk.crcledger.tlog.leaf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The RFC 8785 test vectors of cyberphone/json-canonicalization (see
 * src/test/resources/leaf/jcs/NOTICE.md) through the very canonicalizer the leaf uses.
 */
class JcsVectorsUnitTest {

    @ParameterizedTest
    @ValueSource(strings = {"arrays", "french", "structures", "unicode", "values", "weird"})
    void canonicalizesLikeTheReference(String name) throws IOException {
        String input = new String(resource("input/" + name + ".json"), StandardCharsets.UTF_8);
        byte[] expected = resource("output/" + name + ".json");
        assertThat(Jcs.canonicalize(input)).isEqualTo(expected);
        // Canonical output is a fixed point.
        assertThat(Jcs.canonicalize(new String(expected, StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = JcsVectorsUnitTest.class.getResourceAsStream("/leaf/jcs/" + path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }
}

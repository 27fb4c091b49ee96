package uk.crcledger.api.security;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** How bearer values are made, split and hashed. */
class TokenCredentialsTest {

    @Test
    void generatedTokensAreARandomIdAndA256BitSecret() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            TokenCredentials token = TokenCredentials.generate();
            assertThat(token.id()).matches("[a-z2-7]{12}");
            assertThat(token.secret()).matches("[A-Za-z0-9_-]{43}");
            assertThat(TokenCredentials.isWellFormed(token.value())).isTrue();
            assertThat(TokenCredentials.parse(token.value())).isEqualTo(token);
            assertThat(seen.add(token.value())).isTrue();
        }
    }

    @Test
    void splitsAtTheFirstDotAfterAValidId() {
        assertThat(TokenCredentials.parse("abc.def.ghi")).isEqualTo(new TokenCredentials("abc", "def.ghi"));
        assertThat(TokenCredentials.parse("test-admin.secret")).isEqualTo(new TokenCredentials("test-admin", "secret"));
        // Anything else is the secret of the token with the fixed id "admin".
        for (String value : new String[] {"nodot", ".leading", "trailing.", "b@d.id", "x".repeat(65) + ".s"}) {
            assertThat(TokenCredentials.parse(value)).as(value).isEqualTo(new TokenCredentials("admin", value));
        }
    }

    @Test
    void wellFormedMeansVisibleAsciiOfBoundedLength() {
        assertThat(TokenCredentials.isWellFormed("a.b+/=~")).isTrue();
        assertThat(TokenCredentials.isWellFormed(null)).isFalse();
        assertThat(TokenCredentials.isWellFormed("")).isFalse();
        assertThat(TokenCredentials.isWellFormed("a b")).isFalse();
        assertThat(TokenCredentials.isWellFormed("a\tb")).isFalse();
        assertThat(TokenCredentials.isWellFormed("é")).isFalse();
        assertThat(TokenCredentials.isWellFormed("x".repeat(1024))).isTrue();
        assertThat(TokenCredentials.isWellFormed("x".repeat(1025))).isFalse();
    }

    @Test
    void hashesWithSha256AndComparesWholly() {
        assertThat(TokenCredentials.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(TokenCredentials.matches("abc", TokenCredentials.hash("abc"))).isTrue();
        assertThat(TokenCredentials.matches("abd", TokenCredentials.hash("abc"))).isFalse();
        assertThat(TokenCredentials.matches("abc", null)).isFalse();
        assertThat(new TokenCredentials("id", "s3cr3t").toString()).doesNotContain("s3cr3t");
    }
}

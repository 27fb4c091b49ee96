package uk.crcledger.tlog.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.interfaces.EdECPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerifierKeyUnitTest {

    @Test
    void parsesGoVkeyAndReencodesIt() {
        VerifierKey key = VerifierKey.parse(GoVectors.PETER_VKEY);
        assertThat(key.name()).isEqualTo("PeterNeumann");
        assertThat(HexFormat.of().formatHex(key.keyId())).isEqualTo("c74f20a3");
        assertThat(key.publicKey()).hasSize(32);
        assertThat(key.encoded()).isEqualTo(GoVectors.PETER_VKEY);
    }

    @Test
    void keyIdsOfPublishedKeysMatchTheirDerivation() {
        for (String vkey : new String[] {GoVectors.PETER_VKEY, GoVectors.ENOCH_VKEY, C2spVectors.FOO_VKEY}) {
            VerifierKey key = VerifierKey.parse(vkey);
            assertThat(VerifierKey.keyId(key.name(), key.publicKey())).as(vkey).isEqualTo(key.keyId());
            assertThat(HexFormat.of().formatHex(VerifierKey.keyId(key.name(), key.publicKey())))
                    .isEqualTo(vkey.split("\\+")[1]);
        }
    }

    /** Go's TestNewVerifier: every proper substring and every one-byte increment must be refused. */
    @Test
    void refusesEveryManglingOfTheGoKey() {
        String vkey = GoVectors.PETER_VKEY;
        int refused = 0;
        for (int i = 0; i <= vkey.length(); i++) {
            for (int j = i + 1; j <= vkey.length(); j++) {
                if (i != 0 || j != vkey.length()) {
                    String bad = vkey.substring(i, j);
                    assertThatThrownBy(() -> VerifierKey.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
                    refused++;
                }
            }
        }
        char[] chars = vkey.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i]++;
            String bad = new String(chars);
            assertThatThrownBy(() -> VerifierKey.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            chars[i]--;
            refused++;
        }
        assertThat(refused).isGreaterThan(2000);
    }

    @Test
    void refusesGoWrongLengthAndUnknownAlgorithmKeys() throws Exception {
        // From Go's TestNewVerifier: both carry a key hash adjusted to match. Go refuses the first
        // for its length; we refuse it earlier, because "BADKEY==" leaves non-zero bits in the
        // last base64 digit (Go's decoder tolerates that, ours insists on the canonical spelling).
        assertThatThrownBy(() -> VerifierKey.parse("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="))
                .hasMessageContaining("base64");
        // The same over-long key spelled canonically, with its ID: refused for the length.
        byte[] longKey = java.util.Arrays.copyOf(java.util.Base64.getDecoder().decode("ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="), 38);
        String name = "PeterNeumann";
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update((name + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String id = HexFormat.of().formatHex(sha.digest(longKey), 0, 4);
        String canonical = name + "+" + id + "+" + Base64.getEncoder().encodeToString(longKey);
        assertThatThrownBy(() -> VerifierKey.parse(canonical)).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> VerifierKey.parse("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .hasMessageContaining("algorithm");
    }

    @Test
    void refusesAWrongKeyId() {
        assertThatThrownBy(() -> VerifierKey.parse("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> VerifierKey.parse("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .hasMessageContaining("lower-case hex");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a+b", "a\tb", "a\u00a0b", "a\u2003b", "a\u2028b", "a\u0085b", "\ud800"})
    void refusesBadNames(String name) {
        byte[] publicKey = VerifierKey.parse(GoVectors.PETER_VKEY).publicKey();
        assertThatThrownBy(() -> VerifierKey.of(name, publicKey)).isInstanceOf(IllegalArgumentException.class);
        // Compute a matching ID so that only the name can be the reason for refusal.
        if (!name.isEmpty() && !name.contains("+") && !name.equals("\ud800")) {
            String vkey = name + "+" + HexFormat.of().formatHex(VerifierKey.keyId(name, publicKey)) + "+"
                    + Base64.getEncoder().encodeToString(concat((byte) 1, publicKey));
            assertThatThrownBy(() -> VerifierKey.parse(vkey)).hasMessageContaining("invalid name");
        }
    }

    @Test
    void acceptsUnicodeNamesWithoutSpaces() {
        NoteSigner signer = NoteSigner.generate("ledger.example/é—🙂");
        VerifierKey key = signer.verifierKey();
        assertThat(VerifierKey.parse(key.encoded())).isEqualTo(key);
    }

    @Test
    void toPublicKeyRoundTripsThroughTheJdkPoint() {
        for (String vkey : new String[] {GoVectors.PETER_VKEY, GoVectors.ENOCH_VKEY, C2spVectors.FOO_VKEY}) {
            VerifierKey key = VerifierKey.parse(vkey);
            EdECPublicKey jdk = (EdECPublicKey) key.toPublicKey();
            assertThat(VerifierKey.rawPublicKey(jdk)).isEqualTo(key.publicKey());
            // The X.509 SubjectPublicKeyInfo of an Ed25519 key ends in the raw RFC 8032 bytes:
            // an independent check of the little-endian/x-odd conversion.
            byte[] spki = jdk.getEncoded();
            assertThat(java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length)).isEqualTo(key.publicKey());
        }
    }

    @Test
    void equalityIsByContent() {
        VerifierKey a = VerifierKey.parse(GoVectors.PETER_VKEY);
        VerifierKey b = VerifierKey.parse(GoVectors.PETER_VKEY);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(VerifierKey.parse(GoVectors.ENOCH_VKEY));
        byte[] id = a.keyId();
        id[0] ^= 1;
        assertThat(a.keyId()).isEqualTo(b.keyId()); // accessors hand out copies
    }

    static byte[] concat(byte first, byte[] rest) {
        byte[] out = new byte[1 + rest.length];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}

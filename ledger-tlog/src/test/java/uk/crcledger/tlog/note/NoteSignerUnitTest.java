package uk.crcledger.tlog.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NoteSignerUnitTest {

    @Test
    void parsesGoSkeyAndDerivesThePublishedPublicKey() {
        NoteSigner signer = NoteSigner.parse(GoVectors.PETER_SKEY);
        assertThat(signer.name()).isEqualTo("PeterNeumann");
        // The seed-to-public-key derivation is the JDK's; the published vkey pins it.
        assertThat(signer.verifierKey()).isEqualTo(VerifierKey.parse(GoVectors.PETER_VKEY));
        assertThat(signer.verifierKey().encoded()).isEqualTo(GoVectors.PETER_VKEY);
        assertThat(signer.encoded()).isEqualTo(GoVectors.PETER_SKEY);
    }

    /** Go's TestNewSigner: every proper substring and every one-byte increment must be refused. */
    @Test
    void refusesEveryManglingOfTheGoKey() {
        String skey = GoVectors.PETER_SKEY;
        for (int i = 0; i <= skey.length(); i++) {
            for (int j = i + 1; j <= skey.length(); j++) {
                if (i != 0 || j != skey.length()) {
                    String bad = skey.substring(i, j);
                    assertThatThrownBy(() -> NoteSigner.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
                }
            }
        }
        char[] chars = skey.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i]++;
            String bad = new String(chars);
            assertThatThrownBy(() -> NoteSigner.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            chars[i]--;
        }
    }

    @Test
    void generatedKeysRoundTripAndAreSelfConsistent() {
        NoteSigner signer = NoteSigner.generate("EnochRoot");
        NoteSigner again = NoteSigner.parse(signer.encoded());
        assertThat(again.verifierKey()).isEqualTo(signer.verifierKey());
        assertThat(again.encoded()).isEqualTo(signer.encoded());
        VerifierKey vkey = VerifierKey.parse(signer.verifierKey().encoded());

        // Go's testSignerAndVerifier, via a note.
        SignedNote note = SignedNote.sign("hi\n", signer);
        assertThat(note.verify(vkey)).isTrue();
        assertThat(NoteSigner.generate("EnochRoot").verifierKey()).isNotEqualTo(vkey);
    }

    @Test
    void signaturesAreDeterministicEd25519() {
        NoteSigner signer = NoteSigner.parse(GoVectors.PETER_SKEY);
        byte[] msg = "hi".getBytes(StandardCharsets.UTF_8);
        assertThat(signer.sign(msg)).hasSize(64).isEqualTo(signer.sign(msg));
    }

    @Test
    void toStringDoesNotLeakTheSeed() {
        NoteSigner signer = NoteSigner.parse(GoVectors.PETER_SKEY);
        assertThat(signer.toString()).doesNotContain("AYEKFALV").contains(GoVectors.PETER_VKEY);
    }

    @Test
    void refusesBadNames() {
        assertThatThrownBy(() -> NoteSigner.generate("bad name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteSigner.generate("a+b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteSigner.generate("")).isInstanceOf(IllegalArgumentException.class);
    }
}

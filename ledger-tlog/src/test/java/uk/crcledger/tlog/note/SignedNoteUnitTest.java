package uk.crcledger.tlog.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignedNoteUnitTest {

    private static final VerifierKey PETER = VerifierKey.parse(GoVectors.PETER_VKEY);
    private static final VerifierKey ENOCH = VerifierKey.parse(GoVectors.ENOCH_VKEY);

    @Test
    void ourSignatureOfGoTextEqualsGoSignatureByteForByte() {
        // Go's TestSign: Ed25519 is deterministic, so the whole note must match.
        SignedNote note = SignedNote.sign(GoVectors.TEXT, NoteSigner.parse(GoVectors.PETER_SKEY));
        assertThat(note.encoded()).isEqualTo(GoVectors.PETER_NOTE);
        assertThat(note.encoded().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(GoVectors.PETER_NOTE.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void goNoteVerifiesAndReencodes() {
        SignedNote note = SignedNote.parse(GoVectors.PETER_NOTE);
        assertThat(note.text()).isEqualTo(GoVectors.TEXT);
        assertThat(note.signatures()).hasSize(1);
        assertThat(note.verify(PETER)).isTrue();
        assertThat(note.encoded()).isEqualTo(GoVectors.PETER_NOTE);
    }

    @Test
    void goNoteWithTwoSignaturesVerifiesUnderEachKey() {
        // Go's TestOpen: Peter's and Enoch's signatures of the same text.
        SignedNote note = SignedNote.parse(GoVectors.TEXT + "\n" + GoVectors.PETER_SIG + GoVectors.ENOCH_SIG);
        assertThat(note.signatures()).extracting(NoteSignature::name).containsExactly("PeterNeumann", "EnochRoot");
        assertThat(note.verify(PETER)).isTrue();
        assertThat(note.verify(ENOCH)).isTrue();
        assertThat(note.encoded()).isEqualTo(GoVectors.TEXT + "\n" + GoVectors.PETER_SIG + GoVectors.ENOCH_SIG);
    }

    @Test
    void c2spExampleVerifies() {
        SignedNote note = SignedNote.parse(C2spVectors.FOO_NOTE);
        assertThat(note.text()).isEqualTo("This is an example message.\n");
        assertThat(note.verify(VerifierKey.parse(C2spVectors.FOO_VKEY))).isTrue();
        assertThat(note.verify(PETER)).isFalse();
        assertThat(note.encoded()).isEqualTo(C2spVectors.FOO_NOTE);
    }

    @Test
    void textEndsAtTheLastBlankLine() {
        SignedNote note = SignedNote.parse(C2spVectors.QUASIMODO_NOTE);
        assertThat(note.text()).endsWith("\n\ned \u00e8 subito sera.\n");
        assertThat(note.signatures()).singleElement()
                .extracting(NoteSignature::name).isEqualTo("quasimodo.example/salvatore");
        assertThat(note.encoded()).isEqualTo(C2spVectors.QUASIMODO_NOTE);
    }

    @Test
    void aFlippedTextByteFails() {
        byte[] bytes = GoVectors.PETER_NOTE.getBytes(StandardCharsets.UTF_8);
        bytes[3] ^= 0x01; // 'y' -> 'x', still valid UTF-8
        SignedNote note = SignedNote.parse(bytes);
        assertThat(note.text()).isNotEqualTo(GoVectors.TEXT);
        assertThat(note.verify(PETER)).isFalse();
    }

    @Test
    void aFlippedSignatureBitFails() {
        SignedNote good = SignedNote.parse(GoVectors.PETER_NOTE);
        NoteSignature sig = good.signatures().get(0);
        for (int i : new int[] {0, 31, 32, 63}) {
            byte[] bad = sig.signature();
            bad[i] ^= 0x01;
            SignedNote note = new SignedNote(good.text(), List.of(new NoteSignature(sig.name(), sig.keyId(), bad)));
            assertThat(note.verify(PETER)).as("byte %d", i).isFalse();
            // and the same through the text form
            assertThat(SignedNote.parse(note.encoded()).verify(PETER)).isFalse();
        }
    }

    @Test
    void goInvalidSignatureFails() {
        // Go's TestOpen "Invalid signature": ABCD spliced into the base64.
        String sig = GoVectors.PETER_SIG;
        SignedNote note = SignedNote.parse(GoVectors.TEXT + "\n" + sig.substring(0, 60) + "ABCD" + sig.substring(60));
        assertThat(note.verify(PETER)).isFalse();
    }

    @Test
    void aWrongKeyFails() {
        SignedNote note = SignedNote.parse(GoVectors.PETER_NOTE);
        assertThat(note.verify(ENOCH)).isFalse();
        assertThat(note.verify(NoteSigner.generate("PeterNeumann").verifierKey())).isFalse();
    }

    @Test
    void aSignatureUnderTheRightIdButAnotherNameIsIgnored() {
        String renamed = GoVectors.PETER_NOTE.replace("\u2014 PeterNeumann ", "\u2014 CarmenSandiego ");
        assertThat(SignedNote.parse(renamed).verify(PETER)).isFalse();
    }

    @Test
    void aBadSignatureFromTheKnownKeyFailsTheNoteEvenNextToAGoodOne() {
        String sig = GoVectors.PETER_SIG;
        String bad = sig.substring(0, 60) + "ABCD" + sig.substring(60);
        assertThat(SignedNote.parse(GoVectors.TEXT + "\n" + sig + bad).verify(PETER)).isFalse();
        assertThat(SignedNote.parse(GoVectors.TEXT + "\n" + sig + sig).verify(PETER)).isTrue();
    }

    @Test
    void withSignatureAddsACosignatureAndReplacesTheSameKey() {
        NoteSigner peter = NoteSigner.parse(GoVectors.PETER_SKEY);
        NoteSigner witness = NoteSigner.generate("witness.example");
        SignedNote note = SignedNote.sign(GoVectors.TEXT, witness).withSignature(peter).withSignature(peter);
        assertThat(note.signatures()).extracting(NoteSignature::name).containsExactly("witness.example", "PeterNeumann");
        assertThat(note.verify(PETER)).isTrue();
        assertThat(note.verify(witness.verifierKey())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "abc\n\nx", "a\u0001b\n", "a\rb\n", "a\ud800\n"})
    void signRefusesTextsTheSpecForbids(String text) {
        NoteSigner signer = NoteSigner.parse(GoVectors.PETER_SKEY);
        assertThatThrownBy(() -> SignedNote.sign(text, signer)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signedTextsWithBlankLinesRoundTrip() {
        NoteSigner signer = NoteSigner.parse(GoVectors.PETER_SKEY);
        for (String text : new String[] {"\n", "a\n\n", "a\n\nb\n", "\u2014 x AAAA\n", "a\n\n\u2014 PeterNeumann AAAAAAA=\n"}) {
            SignedNote note = SignedNote.sign(text, signer);
            SignedNote back = SignedNote.parse(note.encoded());
            assertThat(back.text()).isEqualTo(text);
            assertThat(back).isEqualTo(note);
            assertThat(back.verify(PETER)).isTrue();
        }
    }

    @Test
    void refusesGoMalformedNotes() {
        // Go's TestOpen "Invalid encoded message syntax", plus a few of ours.
        String text = GoVectors.TEXT;
        String peterSig = GoVectors.PETER_SIG;
        String[] bad = {
            text,
            text + "\n",
            text + "\n" + peterSig.substring(0, peterSig.length() - 1),
            "\u0001" + text + "\n" + peterSig,
            text + "\n" + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
            text + "\n" + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
            text + "\n" + peterSig + "Unexpected line.\n",
            text + "\n" + "- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
            text + "\n" + "\u2014 PeterNeumann\n",
            text + "\n" + "\u2014 PeterNeumann \n",
            text + "\n" + "\u2014 PeterNeumann x08go/ZJ\n", // 6 bytes ok, but see below: too short is 4
            text + "\n" + "\u2014 PeterNeumann x08g\n", // 3 bytes: shorter than ID + 1
            text + "\n" + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM\n", // no padding
            text + "\n" + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAN=\n", // non-zero pad bits
            text + "\n" + peterSig.replace("\n", "\r\n"),
            text + "\n" + "\u2014  " + peterSig.substring(2), // two spaces
        };
        for (String note : bad) {
            if (note.endsWith("x08go/ZJ\n")) {
                // "x08go/ZJ" is 6 bytes: a syntactically valid signature line that cannot verify.
                assertThat(SignedNote.parse(note).verify(PETER)).isFalse();
                continue;
            }
            assertThatThrownBy(() -> SignedNote.parse(note)).as(note).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("malformed note");
        }
    }

    @Test
    void refusesNonUtf8Bytes() {
        byte[] good = GoVectors.PETER_NOTE.getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[good.length + 1];
        bad[0] = (byte) 0xff; // Go's TestOpen "\xff" + text
        System.arraycopy(good, 0, bad, 1, good.length);
        assertThatThrownBy(() -> SignedNote.parse(bad)).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> SignedNote.parse("\ud800" + GoVectors.PETER_NOTE)).hasMessageContaining("UTF-8");
    }

    @Test
    void refusesTooManySignatures() {
        // Go's TestOpen: 101 signatures are refused; we accept up to 100 (the spec's floor is 16).
        String text = GoVectors.TEXT + "\n";
        assertThat(SignedNote.parse(text + GoVectors.PETER_SIG.repeat(100)).verify(PETER)).isTrue();
        assertThatThrownBy(() -> SignedNote.parse(text + GoVectors.PETER_SIG.repeat(101)))
                .hasMessageContaining("more than 100");
    }
}

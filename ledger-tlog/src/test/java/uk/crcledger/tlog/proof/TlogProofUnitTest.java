package uk.crcledger.tlog.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.crcledger.tlog.note.Checkpoint;
import uk.crcledger.tlog.note.NoteSigner;
import uk.crcledger.tlog.note.SignedNote;

class TlogProofUnitTest {

    private static final NoteSigner FANCYLOG = NoteSigner.generate("example.com/fancylog");
    private static final NoteSigner WITNESS = NoteSigner.generate("witness1.example");

    private static String specExample() throws IOException {
        try (InputStream in = TlogProofUnitTest.class.getResourceAsStream("/proof/spec-example.tlog-proof")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The spec's checkpoint text, signed by our stand-ins for the log and a witness. */
    private static String signedFancylog() {
        String text = "example.com/fancylog\n109482\nsFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=\n";
        return SignedNote.sign(text, FANCYLOG).withSignature(WITNESS).encoded();
    }

    @Test
    void specExampleIsRefusedOnlyForItsElidedSignatures() throws IOException {
        String example = specExample();
        assertThatThrownBy(() -> TlogProof.parse(example)).hasMessageContaining("signature");

        // Put real signature lines where the spec elides them: everything else is the spec's bytes.
        int sigs = example.indexOf("\u2014 example.com/fancylog ");
        String fixed = example.substring(0, sigs) + signedFancylog().substring(signedFancylog().indexOf('\u2014'));
        TlogProof proof = TlogProof.parse(fixed);
        assertThat(proof.index()).isEqualTo(73894);
        assertThat(new String(proof.extra(), StandardCharsets.ISO_8859_1)).startsWith("age-v1.2.1-darwin-arm64.tar.gz");
        assertThat(proof.proof()).hasSize(5);
        assertThat(Base64.getEncoder().encodeToString(proof.proof().get(0))).isEqualTo("gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=");
        assertThat(Base64.getEncoder().encodeToString(proof.proof().get(4))).isEqualTo("AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=");
        Checkpoint body = proof.checkpointBody();
        assertThat(body.origin()).isEqualTo("example.com/fancylog");
        assertThat(body.size()).isEqualTo(109482);
        assertThat(proof.signedCheckpoint().verify(FANCYLOG.verifierKey())).isTrue();
        assertThat(proof.signedCheckpoint().verify(WITNESS.verifierKey())).isTrue();
        assertThat(proof.encoded()).isEqualTo(fixed);
    }

    @Test
    void roundTripsWithAndWithoutExtra() {
        List<byte[]> hashes = List.of(filled(1), filled(2), filled(3));
        for (byte[] extra : new byte[][] {null, "hello".getBytes(StandardCharsets.UTF_8)}) {
            TlogProof proof = new TlogProof(7, hashes, signedFancylog(), extra);
            String encoded = proof.encoded();
            assertThat(encoded).startsWith(extra == null ? "c2sp.org/tlog-proof@v1\nindex 7\n" : "c2sp.org/tlog-proof@v1\nextra aGVsbG8=\nindex 7\n");
            assertThat(encoded).contains(Base64.getEncoder().encodeToString(filled(3)) + "\n\nexample.com/fancylog\n");
            TlogProof back = TlogProof.parse(encoded);
            assertThat(back).isEqualTo(proof).hasSameHashCodeAs(proof);
            assertThat(back.encoded()).isEqualTo(encoded);
        }
    }

    @Test
    void anEmptyProofRoundTrips() {
        // Index 0 of a one-leaf tree: no hashes, so the index line is followed by the empty line.
        String note = SignedNote.sign("example.com/one\n1\n" + Base64.getEncoder().encodeToString(filled(9)) + "\n", FANCYLOG).encoded();
        TlogProof proof = new TlogProof(0, List.of(), note, null);
        assertThat(proof.encoded()).isEqualTo("c2sp.org/tlog-proof@v1\nindex 0\n\n" + note);
        assertThat(TlogProof.parse(proof.encoded())).isEqualTo(proof);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "c2sp.org/tlog-proof@v2\nindex 7\n\n",
        "c2sp.org/tlog-proof@v1\n",
        "c2sp.org/tlog-proof@v1\nindex 7\n", // no empty line, no checkpoint
        "c2sp.org/tlog-proof@v1\nindex 07\n\n",
        "c2sp.org/tlog-proof@v1\nindex +7\n\n",
        "c2sp.org/tlog-proof@v1\nindex -1\n\n",
        "c2sp.org/tlog-proof@v1\nindex  7\n\n",
        "c2sp.org/tlog-proof@v1\nindex\n\n",
        "c2sp.org/tlog-proof@v1\nindex 109482\n\n", // index not in the tree
        "c2sp.org/tlog-proof@v1\nextra \nindex 7\n\n",
        "c2sp.org/tlog-proof@v1\nextra aGVsbG8\nindex 7\n\n", // unpadded
        "c2sp.org/tlog-proof@v1\nextra aGVsbG9=\nindex 7\n\n", // non-zero pad bits
        "c2sp.org/tlog-proof@v1\nindex 7\nextra aGVsbG8=\n\n", // extra after index
        "c2sp.org/tlog-proof@v1\nindex 7\nAQ==\n\n", // short hash
        "c2sp.org/tlog-proof@v1\nindex 7\nAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE\n\n", // unpadded hash
        "c2sp.org/tlog-proof@v1\r\nindex 7\n\n",
        "\nc2sp.org/tlog-proof@v1\nindex 7\n\n",
    })
    void refusesMalformedProofs(String head) {
        String text = head.endsWith("\n\n") ? head + signedFancylog() : head;
        assertThatThrownBy(() -> TlogProof.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tlog-proof");
    }

    @Test
    void refusesABadCheckpoint() {
        String good = new TlogProof(7, List.of(filled(1)), signedFancylog(), null).encoded();
        // Not a signed note (no signatures); a signed note that is not a checkpoint; trailing junk.
        String noSigs = good.substring(0, good.indexOf("\n\u2014") + 1);
        assertThatThrownBy(() -> TlogProof.parse(noSigs)).hasMessageContaining("checkpoint");
        String notCheckpoint = good.replace("\n109482\n", "\n0109482\n");
        assertThatThrownBy(() -> TlogProof.parse(notCheckpoint)).hasMessageContaining("checkpoint");
        assertThatThrownBy(() -> TlogProof.parse(good + "junk")).hasMessageContaining("checkpoint");
        assertThatThrownBy(() -> TlogProof.parse(good + "\n")).hasMessageContaining("checkpoint");
    }

    @Test
    void verifyChecksOriginKeyAndInclusion() {
        // A three-leaf RFC 9162 tree built with the JDK's SHA-256, and a reference inclusion check
        // (RFC 9162 section 2.1.3.2), standing in for the merkle package.
        byte[][] leaves = {leafHash("a"), leafHash("b"), leafHash("c")};
        byte[] root = node(node(leaves[0], leaves[1]), leaves[2]);
        String note = SignedNote.sign("ledger.example/log\n3\n" + Base64.getEncoder().encodeToString(root) + "\n", FANCYLOG).encoded();
        List<List<byte[]>> proofs = List.of(
                List.of(leaves[1], leaves[2]),
                List.of(leaves[0], leaves[2]),
                List.of(node(leaves[0], leaves[1])));
        for (int i = 0; i < 3; i++) {
            TlogProof proof = TlogProof.parse(new TlogProof(i, proofs.get(i), note, null).encoded());
            assertThat(proof.verify("ledger.example/log", FANCYLOG.verifierKey(), leaves[i])).as("index %d", i).isTrue();
            assertThat(proof.verify("ledger.example/log", FANCYLOG.verifierKey(), leaves[(i + 1) % 3])).isFalse();
            assertThat(proof.verify("ledger.example/other", FANCYLOG.verifierKey(), leaves[i])).isFalse();
            assertThat(proof.verify("ledger.example/log", WITNESS.verifierKey(), leaves[i])).isFalse();
        }
    }

    private static byte[] leafHash(String data) {
        return sha256(new byte[] {0x00}, data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] node(byte[] left, byte[] right) {
        return sha256(new byte[] {0x01}, left, right);
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                md.update(part);
            }
            return md.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] filled(int b) {
        byte[] out = new byte[32];
        Arrays.fill(out, (byte) b);
        return out;
    }

    @Test
    void accessorsHandOutCopies() {
        List<byte[]> hashes = new ArrayList<>(List.of(filled(1)));
        TlogProof proof = new TlogProof(1, hashes, signedFancylog(), new byte[] {1});
        hashes.get(0)[0] = 9;
        proof.proof().get(0)[0] = 9;
        proof.extra()[0] = 9;
        assertThat(proof.proof().get(0)).isEqualTo(filled(1));
        assertThat(proof.extra()).containsExactly(1);
    }
}

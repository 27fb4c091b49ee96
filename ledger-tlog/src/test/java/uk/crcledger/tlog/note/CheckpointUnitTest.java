package uk.crcledger.tlog.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointUnitTest {

    private static final String ROOT = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

    @Test
    void specExampleParsesAndReencodesByteForByte() {
        SignedNote note = SignedNote.parse(C2spVectors.SOFA_NOTE);
        assertThat(note.text()).isEqualTo(C2spVectors.SOFA_TEXT);
        assertThat(note.encoded()).isEqualTo(C2spVectors.SOFA_NOTE);

        Checkpoint checkpoint = Checkpoint.parse(note.text());
        assertThat(checkpoint.origin()).isEqualTo("example.com/behind-the-sofa");
        assertThat(checkpoint.size()).isEqualTo(20852163L);
        assertThat(checkpoint.rootHash()).isEqualTo(Base64.getDecoder().decode(ROOT));
        assertThat(checkpoint.extensions()).isEmpty();
        assertThat(checkpoint.text()).isEqualTo(C2spVectors.SOFA_TEXT);
    }

    @Test
    void extensionLinesRoundTrip() {
        String text = "example.com/log42\n0\n" + ROOT + "\nfirst extension\n\u00e9 second\n";
        Checkpoint checkpoint = Checkpoint.parse(text);
        assertThat(checkpoint.size()).isZero();
        assertThat(checkpoint.extensions()).containsExactly("first extension", "\u00e9 second");
        assertThat(checkpoint.text()).isEqualTo(text);
        assertThat(Checkpoint.parse(checkpoint.text())).isEqualTo(checkpoint);
    }

    @Test
    void signedCheckpointVerifies() {
        NoteSigner signer = NoteSigner.generate("ledger.example/log");
        Checkpoint checkpoint = new Checkpoint("ledger.example/log", Long.MAX_VALUE, new byte[32], List.of());
        SignedNote note = SignedNote.parse(SignedNote.sign(checkpoint.text(), signer).encoded());
        assertThat(note.verify(signer.verifierKey())).isTrue();
        assertThat(Checkpoint.parse(note.text())).isEqualTo(checkpoint);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "example.com/log\n5\n" + ROOT, // no final newline
        "example.com/log\n5\n", // no root
        "\n5\n" + ROOT + "\n", // empty origin
        "example.com/log\n05\n" + ROOT + "\n", // leading zero
        "example.com/log\n00\n" + ROOT + "\n",
        "example.com/log\n+5\n" + ROOT + "\n",
        "example.com/log\n-5\n" + ROOT + "\n",
        "example.com/log\n-0\n" + ROOT + "\n",
        "example.com/log\n 5\n" + ROOT + "\n",
        "example.com/log\n5 \n" + ROOT + "\n",
        "example.com/log\n\u0665\n" + ROOT + "\n", // Arabic-Indic digit five
        "example.com/log\n9223372036854775808\n" + ROOT + "\n", // > Long.MAX_VALUE
        "example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n", // 31 bytes
        "example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n", // unpadded
        "example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n", // non-zero pad bits
        "example.com/log\n5\n" + ROOT + "\n\n", // empty extension line
        "example.com/log\n5\n" + ROOT + "\next\n\n",
        "example.com/log\n5\n" + ROOT + "\r\n",
        "example.com/log\r\n5\n" + ROOT + "\n",
    })
    void refusesMalformedCheckpoints(String text) {
        assertThatThrownBy(() -> Checkpoint.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpoint");
    }

    @Test
    void constructorRefusesWhatParseWould() {
        assertThatThrownBy(() -> new Checkpoint("", 1, new byte[32], List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("a\nb", 1, new byte[32], List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", -1, new byte[32], List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", 1, new byte[31], List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", 1, new byte[32], List.of(""))).isInstanceOf(IllegalArgumentException.class);
    }
}

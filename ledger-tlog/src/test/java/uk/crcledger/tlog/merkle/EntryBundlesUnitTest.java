package uk.crcledger.tlog.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EntryBundlesUnitTest {

    @Test
    void encodesEachEntryAsBigEndianLengthAndBytes() {
        byte[] bundle = EntryBundles.encode(List.of("ab".getBytes(StandardCharsets.US_ASCII), new byte[0], new byte[300]));
        assertThat(Arrays.copyOfRange(bundle, 0, 6)).containsExactly(0, 2, 'a', 'b', 0, 0);
        assertThat(Arrays.copyOfRange(bundle, 6, 8)).containsExactly(1, 44); // 300 = 0x012C
        assertThat(bundle).hasSize(2 + 2 + 2 + 2 + 300);
        assertThat(EntryBundles.encode(List.of())).isEmpty();
    }

    @Test
    void decodeReversesEncode() {
        Random random = new Random(5);
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            byte[] entry = new byte[i == 7 ? 0xFFFF : random.nextInt(500)];
            random.nextBytes(entry);
            entries.add(entry);
        }
        assertThat(EntryBundles.decode(EntryBundles.encode(entries))).containsExactlyElementsOf(entries);
        assertThat(EntryBundles.decode(new byte[0])).isEmpty();
    }

    @Test
    void rejectsEntriesTooLongForAUint16Length() {
        assertThatThrownBy(() -> EntryBundles.encode(List.of(new byte[0x10000])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536");
    }

    @Test
    void decodeRejectsTruncation() {
        byte[] bundle = EntryBundles.encode(List.of(new byte[] {1, 2, 3}, new byte[] {4, 5}));
        for (int cut = 1; cut < bundle.length; cut++) {
            if (cut == 5) {
                continue; // a cut right after the first entry is a valid one-entry bundle
            }
            byte[] truncated = Arrays.copyOf(bundle, cut);
            assertThatThrownBy(() -> EntryBundles.decode(truncated)).as("cut at %d", cut)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        }
        assertThat(EntryBundles.decode(Arrays.copyOf(bundle, 5))).hasSize(1);
        assertThatThrownBy(() -> EntryBundles.decode(new byte[] {(byte) 0xFF, (byte) 0xFF, 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package uk.crcledger.eventstore.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast index key order must be exactly H2's serialized-bytes order, or lookups in data files
 * written either way would miss.
 */
class IndexKeyTypeTest {

    private final ObjectDataType h2 = new ObjectDataType();
    private final Random random = new Random(42);

    @Test
    void ordersKeysExactlyAsH2DoesByTheirSerializedBytes() {
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            keys.add(new KeyValue(randomValue()));
        }
        keys.add(new KeyValue("a", "b"));
        keys.add(new KeyValue(1.0, "b"));
        for (Object a : keys) {
            for (Object b : keys) {
                assertThat(IndexKeyType.INSTANCE.compare(a, b)).as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(h2.compare(a, b)));
            }
        }
    }

    @Test
    void ordersTheLedgersOwnKeysLikeH2() {
        // Ledger positions (numbers become doubles in the server), stream keys and entry ids.
        List<Object> keys = new ArrayList<>();
        for (long position : new long[] {0, 1, 2, 127, 128, 255, 256, 65_535, 65_536, 1L << 31, (1L << 53) - 1}) {
            keys.add(new KeyValue((double) position));
        }
        for (String id : List.of("crc-0|3", "crc-0|12", "cuts-9", "cuts-10", "west-yorkshire#0", "west-yorkshire#10",
                "", "x".repeat(127), "x".repeat(128), "x".repeat(255), "x".repeat(256), "x".repeat(70_000))) {
            keys.add(new KeyValue(id));
        }
        for (Object a : keys) {
            for (Object b : keys) {
                assertThat(IndexKeyType.INSTANCE.compare(a, b)).as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(h2.compare(a, b)));
            }
        }
    }

    private Object randomValue() {
        return switch (random.nextInt(6)) {
            case 0 -> (double) random.nextInt(1_000_000);
            case 1 -> random.nextDouble() * (random.nextBoolean() ? 1e15 : -1e15);
            case 2 -> ascii(random.nextInt(300));
            case 3 -> unicode(random.nextInt(20));
            case 4 -> random.nextBoolean() ? -0.0 : Double.NaN;
            default -> (long) random.nextInt(10);
        };
    }

    private String ascii(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((char) (1 + random.nextInt(127)));
        }
        return s.toString();
    }

    private String unicode(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((char) random.nextInt(0x3000));
        }
        return s.toString();
    }
}

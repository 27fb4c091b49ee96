package uk.crcledger.entry;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The JSON spelling of the ledger's enums (TERMINATED_EARLY is "terminated-early"). Kept in one place so the
 * {@code @JsonProperty} names on the constants and the correction parser cannot drift apart.
 */
public final class JsonNames {

    private JsonNames() {
    }

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase().replace('_', '-');
    }

    /** Finds the constant with JSON name (or Java name) {@code name}. */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants())
                .filter(c -> of(c).equals(name) || c.name().equals(name))
                .findFirst();
    }

    public static <E extends Enum<E>> String all(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(JsonNames::of).collect(Collectors.joining(", "));
    }
}

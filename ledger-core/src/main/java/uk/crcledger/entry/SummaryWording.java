package uk.crcledger.entry;

import uk.crcledger.register.CrcId;
import uk.crcledger.register.Names;
import uk.crcledger.register.ProviderId;

import java.math.BigDecimal;

/**
 * The wording every kind's {@link EntryDetails#summary} shares (amounts, names, possessives), kept in one place so
 * summaries of different kinds say the same thing the same way.
 */
public final class SummaryWording {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private SummaryWording() {
    }

    /** The display name of the provider an entry concerns: {@code concerned}, else the one it names; or null. */
    public static String providerName(ProviderId concerned, EntryDetails details, Names names) {
        ProviderId provider = concerned != null ? concerned : details.namedProvider().orElse(null);
        return provider == null ? null : names.provider(provider.value());
    }

    public static String crcName(CrcId crcId, Names names) {
        return crcId == null ? "unknown CRC" : names.crc(crcId.value());
    }

    /** "GBP 600m" for whole millions, else the plain amount ("GBP 1250000.5"). */
    public static String gbp(BigDecimal value) {
        if (value.compareTo(MILLION) >= 0 && value.remainder(MILLION).signum() == 0) {
            return "GBP " + plain(value.divide(MILLION)) + "m";
        }
        return "GBP " + plain(value);
    }

    public static String possessive(String name) {
        return name.endsWith("s") ? name + "'" : name + "'s";
    }

    /** The number without trailing zeros or exponent: "184.6", "436". */
    public static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** "Requires improvement" for REQUIRES_IMPROVEMENT: the JSON name as words, capitalised as written. */
    public static String words(Enum<?> constant) {
        String words = JsonNames.of(constant).replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}

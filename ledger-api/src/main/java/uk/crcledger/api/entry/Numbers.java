package uk.crcledger.api.entry;

import uk.crcledger.api.problem.BadRequest;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * Refuses numbers no ledger fact needs (more than 15 digits before the point or 6 after it) before
 * they reach the domain: a number like {@code 9e-99999999} is a few bytes of JSON but millions of
 * digits once written out in a message.
 */
final class Numbers {

    private static final int MAX_INTEGER_DIGITS = 15;
    private static final int MAX_FRACTION_DIGITS = 6;

    private Numbers() {
    }

    static BigDecimal reasonable(String field, BigDecimal value) {
        if (value != null && (value.precision() - value.scale() > MAX_INTEGER_DIGITS
                || value.scale() > MAX_FRACTION_DIGITS)) {
            throw new BadRequest(field, field + " must have at most " + MAX_INTEGER_DIGITS + " digits before the "
                    + "point and " + MAX_FRACTION_DIGITS + " after it");
        }
        return value;
    }

    /** Checks every number inside a correction's changes (nested lists and objects too). */
    static void requireReasonable(String field, Object value) {
        if (value instanceof BigDecimal decimal) {
            reasonable(field, decimal.stripTrailingZeros().scale() < 0 ? decimal.stripTrailingZeros() : decimal);
        } else if (value instanceof Number number && !(value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte)) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new BadRequest(field, field + " must be a finite number");
            }
            reasonable(field, new BigDecimal(number.toString()).stripTrailingZeros());
        } else if (value instanceof java.math.BigInteger big) {
            reasonable(field, new BigDecimal(big));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> requireReasonable(field + "." + k, v));
        } else if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object v : list) {
                requireReasonable(field + "[" + i++ + "]", v);
            }
        }
    }
}

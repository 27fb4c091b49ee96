package uk.crcledger.entry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;

/** A share of staff, in percent: more than 0 (a cut of nothing is no cut) and at most 100. */
public record Percentage(BigDecimal value) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Percentage {
        if (value == null) {
            throw new IllegalArgumentException("a percentage must be a number");
        }
        if (value.signum() <= 0 || value.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException(
                    "a percentage must be more than 0 and at most 100, was " + value.toPlainString());
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Percentage of(BigDecimal value) {
        return new Percentage(value);
    }

    public static Percentage of(String value) {
        return new Percentage(new BigDecimal(value));
    }

    @JsonValue
    @Override
    public BigDecimal value() {
        return value;
    }

    @Override
    public String toString() {
        return value.toPlainString() + "%";
    }
}

package uk.crcledger.entry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;

/**
 * A number of posts (jobs). Decimal because announcements count full-time equivalents ("184.6 posts"); at least
 * one, because a cut of less than one post is not an announcement.
 */
public record Posts(BigDecimal value) {

    public Posts {
        if (value == null) {
            throw new IllegalArgumentException("posts must be a number");
        }
        if (value.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("posts must be at least 1, was " + value.toPlainString());
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Posts of(BigDecimal value) {
        return new Posts(value);
    }

    public static Posts of(String value) {
        return new Posts(new BigDecimal(value));
    }

    @JsonValue
    @Override
    public BigDecimal value() {
        return value;
    }

    public Posts plus(Posts other) {
        return new Posts(value.add(other.value));
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }
}

package uk.crcledger.incident;

import java.math.BigDecimal;

/**
 * A figure an incident report gives, e.g. "clients not attending" 120. A count or an amount, so never negative; zero
 * is a figure too ("breaches enforced" 0).
 */
public record IncidentFigure(String measure, BigDecimal value) {

    public IncidentFigure {
        if (measure == null || measure.isBlank()) {
            throw new IllegalArgumentException("a figure needs a measure (what is counted)");
        }
        measure = measure.strip();
        if (value == null) {
            throw new IllegalArgumentException("figure '" + measure + "' needs a value");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("figure '" + measure + "' may not be negative, was "
                    + value.toPlainString());
        }
    }
}

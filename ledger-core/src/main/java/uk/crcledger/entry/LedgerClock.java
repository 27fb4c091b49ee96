package uk.crcledger.entry;

import org.axonframework.eventhandling.GenericEventMessage;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * "Today" for the ledger's rules. It reads Axon's event clock, so test fixtures set it with
 * {@code givenCurrentTime(...)}, and the entries' dates are English dates, hence Europe/London.
 */
public final class LedgerClock {

    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    private LedgerClock() {
    }

    public static LocalDate today() {
        return LocalDate.ofInstant(GenericEventMessage.clock.instant(), ZONE);
    }
}

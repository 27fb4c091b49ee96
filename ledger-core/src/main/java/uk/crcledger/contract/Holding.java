package uk.crcledger.contract;

import uk.crcledger.entry.EntryId;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;

/**
 * A provider holding a CRC from {@code from} (inclusive) until {@code until} (exclusive; null while held).
 *
 * @param awardedBy   the award entry of the contract (for a transfer: the original award)
 * @param startedBy   the entry that started this holding: the award, or the transfer
 * @param endedBy     the end entry that ended it, null while held
 */
public record Holding(ProviderId providerId, LocalDate from, LocalDate until, LocalDate plannedEndOn,
                      EntryId awardedBy, EntryId startedBy, EntryId endedBy) {

    public boolean covers(LocalDate date) {
        return !date.isBefore(from) && (until == null || date.isBefore(until));
    }

    Holding endedOn(LocalDate date, EntryId end) {
        return new Holding(providerId, from, date, plannedEndOn, awardedBy, startedBy, end);
    }
}

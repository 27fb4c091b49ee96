package uk.crcledger.contract;

import uk.crcledger.entry.EntryId;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;

/**
 * A provider holding a CRC from {@code from} (inclusive) until {@code until} (exclusive; null while held).
 *
 * @param plannedEndOn the award's planned end, as last changed by a contract term change announced while held
 *                     (a transfer's successor holds under the same contract, so it inherits it)
 * @param awardedBy    the award entry of the contract (for a transfer: the original award)
 * @param startedBy    the entry that started this holding: the award, or the transfer
 * @param endedBy      the end entry that ended it, null while held
 * @param endReason    why it ended, null while held
 */
public record Holding(ProviderId providerId, LocalDate from, LocalDate until, LocalDate plannedEndOn,
                      EntryId awardedBy, EntryId startedBy, EntryId endedBy, ContractEndReason endReason) {

    public boolean covers(LocalDate date) {
        return !date.isBefore(from) && (until == null || date.isBefore(until));
    }

    Holding endedOn(LocalDate date, EntryId end, ContractEndReason reason) {
        return new Holding(providerId, from, date, plannedEndOn, awardedBy, startedBy, end, reason);
    }

    Holding withPlannedEndOn(LocalDate date) {
        return new Holding(providerId, from, until, date, awardedBy, startedBy, endedBy, endReason);
    }
}

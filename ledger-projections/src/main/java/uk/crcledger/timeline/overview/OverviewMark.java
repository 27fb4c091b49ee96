package uk.crcledger.timeline.overview;

import uk.crcledger.entry.EntryType;
import uk.crcledger.inspection.InspectionRating;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An entry marked on a CRC's row: a job cut, an inspection finding or an incident, as its timeline shows it.
 *
 * @param providerId the provider it concerns on that day (named by the entry, or the CRC's holder then)
 * @param summary    the entry's one-line summary, as the core words it
 * @param rating     a finding's rating; null for the other kinds
 * @param posts      a job cut's posts as announced (the whole announcement's, which may name several CRCs); null for
 *                   the other kinds and for a cut announced only as a percentage
 */
public record OverviewMark(String entryId, EntryType type, LocalDate occurredOn, String providerId,
                           String providerName, String summary, InspectionRating rating, BigDecimal posts) {
}

package uk.crcledger.timeline;

import uk.crcledger.inspection.InspectionRating;

import java.time.LocalDate;

/** The latest inspection finding about one CRC in a provider's time there. */
public record LatestFinding(String crcId, String crcName, String entryId, LocalDate occurredOn,
                            InspectionRating rating) {
}

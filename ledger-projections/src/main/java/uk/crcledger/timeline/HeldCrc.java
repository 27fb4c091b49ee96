package uk.crcledger.timeline;

import uk.crcledger.contract.ContractEndReason;

import java.time.LocalDate;

/** A CRC a provider held, for one period. */
public record HeldCrc(String crcId, String crcName, String providerId, LocalDate startsOn, LocalDate endedOn,
                      LocalDate plannedEndOn, String awardEntryId, String endEntryId, ContractEndReason endReason) {
}

package uk.crcledger.timeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import uk.crcledger.contract.ContractEndReason;
import uk.crcledger.contract.Holding;

import java.time.LocalDate;

/**
 * One provider's hold on a CRC, as the core's contract history derives it.
 *
 * @param endedOn      null while it runs
 * @param awardEntryId the entry that started the hold: the award, or for a successor the transfer
 * @param endEntryId   the entry that ended it, null while it runs
 */
public record ContractPeriod(String providerId, String providerName, LocalDate startsOn, LocalDate endedOn,
                             LocalDate plannedEndOn, String awardEntryId, String endEntryId,
                             ContractEndReason endReason,
                             @JsonIgnore @Schema(hidden = true) Holding holding) {

    /** Whether the hold covers the day, by the core's rule ({@link Holding#covers}), not restated here. */
    public boolean covers(LocalDate day) {
        return holding.covers(day);
    }
}

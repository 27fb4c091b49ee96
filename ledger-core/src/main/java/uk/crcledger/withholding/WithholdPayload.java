package uk.crcledger.withholding;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.crcledger.entry.EntryId;

/**
 * Withhold the payload stored at ledger {@code position}, one of the revisions of entry {@code entryId}. Who
 * withholds comes from metadata {@code recordedBy}.
 *
 * @param reason    why, as the public may read it (required, at most {@value PayloadWithholding#MAX_REASON}
 *                  characters)
 * @param reference the authority or order relied on, e.g. a court order's reference (optional)
 */
public record WithholdPayload(EntryId entryId, long position, String reason, String reference) {

    /** The aggregate this command creates: one per withheld position. */
    @TargetAggregateIdentifier
    public String withholdingId() {
        return PayloadWithholding.idFor(position);
    }
}

package uk.crcledger.withholding;

import uk.crcledger.entry.EntryEvent;
import uk.crcledger.entry.EntryId;
import uk.crcledger.entry.RecordedBy;

/**
 * The payload at ledger {@code position}, a revision of entry {@code entryId}, is withheld. The event stays public:
 * its own payload names the position, the reason and the reference, so anyone can see that, and why, a payload is
 * withheld.
 *
 * @param reference the authority or order relied on; null when none was given
 */
public record PayloadWithheld(EntryId entryId, long position, String reason, String reference,
                              RecordedBy recordedBy) implements EntryEvent {
}

package uk.crcledger.eventstore.tlog;

import uk.crcledger.eventstore.EventLeaves;
import uk.crcledger.eventstore.StoredEvent;
import uk.crcledger.tlog.leaf.LedgerLeaf;

import java.util.Optional;

/** Whether a stored event still matches its leaf: what the integrator and the audit both check. */
final class LeafCheck {

    private LeafCheck() {
    }

    static Optional<String> problem(StoredEvent event) {
        long position = event.position();
        if (event.leaf() == null) {
            return Optional.of("the event at position " + position + " has no leaf");
        }
        LedgerLeaf leaf;
        try {
            leaf = LedgerLeaf.parse(event.leafBytes());
        } catch (RuntimeException e) {
            return Optional.of("the leaf stored at position " + position + " is not a canonical ledger leaf: " + e.getMessage());
        }
        if (leaf.position() != position) {
            return Optional.of("the event stored at position " + position + " has the leaf of position " + leaf.position()
                    + ": commits were moved or reordered");
        }
        if (!leaf.eventId().equals(event.eventId())) {
            return Optional.of("the event stored at position " + position + " is " + event.eventId()
                    + " but its leaf names " + leaf.eventId());
        }
        if (event.payload() == null || !leaf.payloadSha256().equals(EventLeaves.payloadSha256(event.payload()))) {
            return Optional.of("the payload stored at position " + position + " does not match the SHA-256 in its leaf ("
                    + leaf.payloadSha256() + "): it was changed after it was recorded");
        }
        return Optional.empty();
    }
}

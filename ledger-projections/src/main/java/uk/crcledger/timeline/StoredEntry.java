package uk.crcledger.timeline;

import uk.crcledger.entry.EntryType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An entry with every revision, in ledger order: the read model's document for its permalink.
 *
 * @param lastPosition the last event of the entry applied (revisions and withholdings), so a replayed
 *                     batch changes nothing
 */
public record StoredEntry(String entryId, EntryType type, List<StoredRevision> revisions, long lastPosition) {

    public StoredEntry {
        revisions = List.copyOf(revisions);
    }

    StoredRevision current() {
        return revisions.get(revisions.size() - 1);
    }

    StoredEntry revised(StoredRevision revision) {
        List<StoredRevision> all = new ArrayList<>(revisions);
        all.add(revision);
        return new StoredEntry(entryId, type, all, revision.ledgerPosition());
    }

    StoredEntry withRevisions(List<StoredRevision> changed, long position) {
        return new StoredEntry(entryId, type, changed, position);
    }

    /** The revisions recorded at or before {@code asOf} (all when null), in order. */
    List<StoredRevision> asOf(Instant asOf) {
        if (asOf == null) {
            return revisions;
        }
        return revisions.stream().filter(r -> !r.recordedAt().isAfter(asOf)).toList();
    }

    /** The status shown after {@code revisions}: retracted beats corrected beats active. */
    static EntryStatus statusAfter(List<StoredRevision> revisions) {
        EntryStatus status = EntryStatus.ACTIVE;
        for (StoredRevision revision : revisions) {
            if (revision.kind() == RevisionKind.RETRACTED) {
                return EntryStatus.RETRACTED;
            }
            if (revision.kind() == RevisionKind.CORRECTED) {
                status = EntryStatus.CORRECTED;
            }
        }
        return status;
    }
}

package uk.crcledger.timeline.overview;

import uk.crcledger.entry.EntryType;

import java.util.Set;

/**
 * What a reader narrows the overview to: which kinds of mark (empty = every kind the overview marks) and one owner
 * (null = every owner), whose CRCs and marks alone are shown.
 */
public record OverviewFilter(Set<EntryType> types, String ownerId) {

    /** The entries the overview shows as marks on the contract periods; the periods are the contract entries. */
    public static final Set<EntryType> MARK_TYPES = Set.of(EntryType.JOB_CUT_ANNOUNCEMENT,
            EntryType.INSPECTION_FINDING, EntryType.INCIDENT_REPORT);

    public OverviewFilter {
        types = types == null || types.isEmpty() ? MARK_TYPES : Set.copyOf(types);
        if (!MARK_TYPES.containsAll(types)) {
            throw new IllegalArgumentException("the overview marks only " + MARK_TYPES + ", not " + types);
        }
    }

    public static OverviewFilter all() {
        return new OverviewFilter(Set.of(), null);
    }
}

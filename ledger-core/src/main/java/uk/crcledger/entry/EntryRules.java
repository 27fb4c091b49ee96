package uk.crcledger.entry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rules every kind of entry shares, with one wording for each. */
public final class EntryRules {

    private EntryRules() {
    }

    public static <T> T require(String field, T value) {
        if (value == null) {
            throw new InvalidEntryException(field + " is required");
        }
        return value;
    }

    public static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidEntryException(field + " is required");
        }
        return value;
    }

    /** A fact without a source cannot be checked by anyone, so the ledger does not take it. */
    public static void requireSources(List<Source> sources) {
        if (sources == null || sources.isEmpty()) {
            throw new InvalidEntryException("an entry needs at least one source");
        }
    }

    /**
     * The ledger records what happened, so no date of an entry may be later than today. Planned dates (a contract's
     * planned end) are plans, not happenings, and are not checked with this.
     */
    public static void requireNotAfter(LocalDate today, String field, LocalDate date) {
        if (date != null && date.isAfter(today)) {
            throw new InvalidEntryException(field + " " + date + " is in the future (today is " + today + ")");
        }
    }

    /** Checks the optional publication dates of the sources, which are dates of the entry too. */
    public static void requireSourcesNotAfter(LocalDate today, List<Source> sources) {
        for (int i = 0; i < sources.size(); i++) {
            requireNotAfter(today, "sources[" + i + "].publishedOn", sources.get(i).publishedOn());
        }
    }

    /**
     * The CRCs an entry is about: at least one, each named once.
     *
     * @param entry the kind of entry in words, e.g. "a contract term change"
     */
    public static void requireCrcs(String entry, String field, Collection<uk.crcledger.register.CrcId> crcIds) {
        if (crcIds.isEmpty()) {
            throw new InvalidEntryException(entry + " needs at least one CRC in " + field);
        }
        requireDistinct(field, crcIds);
    }

    public static <T> void requireDistinct(String field, Collection<T> values) {
        Set<T> seen = new HashSet<>();
        for (T value : values) {
            if (!seen.add(value)) {
                throw new InvalidEntryException(field + " names " + value + " more than once");
            }
        }
    }

    public static void requireNotRetracted(EntryId entryId, LocalDate retractedOn, String action) {
        if (retractedOn != null) {
            throw new EntryRetractedException(
                    "entry " + entryId + " was retracted on " + retractedOn + " and cannot be " + action);
        }
    }

    public static String requireReason(String reason, String what) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidEntryException("a " + what + " needs a reason");
        }
        return reason.strip();
    }

    /** Copies a list that may be null, keeping it immutable; null elements are kept out with a clear message. */
    public static <T> List<T> copy(String field, List<T> values) {
        if (values == null) {
            return List.of();
        }
        List<T> copy = new ArrayList<>(values.size());
        for (T value : values) {
            if (value == null) {
                throw new InvalidEntryException(field + " contains an empty item");
            }
            copy.add(value);
        }
        return List.copyOf(copy);
    }

    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

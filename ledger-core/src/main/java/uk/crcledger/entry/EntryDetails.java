package uk.crcledger.entry;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.LocalDate;
import java.util.List;

/**
 * What one entry says, without its id and bookkeeping: the part a correction replaces as a whole. One record per
 * {@link EntryType}, each living with its domain concept.
 *
 * <p>Not sealed: Java only allows a sealed type's subtypes in other packages inside a named module, and the entry
 * kinds belong to their own packages. The JSON subtype names are therefore declared where the polymorphic field is
 * ({@code EntryCorrected.correctedDetails}).
 */
public interface EntryDetails {

    @JsonIgnore
    EntryType type();

    List<Source> sources();

    /**
     * Checks the rules this entry can check by itself against {@code today}: required fields, at least one source,
     * dates that belong together, and that nothing happened after today.
     */
    void check(LocalDate today);
}

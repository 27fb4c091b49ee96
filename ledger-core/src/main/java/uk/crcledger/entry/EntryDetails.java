package uk.crcledger.entry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.Names;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What one entry says, without its id and bookkeeping: the part a correction replaces as a whole. One record per
 * {@link EntryType}, each living with its domain concept, and each saying its own facts (when it happened, whom it
 * names, its one-line summary), so the command rules and every read model take them from here instead of
 * re-deriving them per kind.
 *
 * <p>Not sealed: Java only allows a sealed type's subtypes in other packages inside a named module, and the entry
 * kinds belong to their own packages. The JSON subtype names are therefore declared in one catalogue above the kinds
 * ({@code uk.crcledger.kinds.EntryKinds}), which the serializers register.
 *
 * <p>The facts are methods, not record components, so they are not stored: the {@code @JsonIgnore}s say so where a
 * method could be mistaken for a property. {@link #crcIds()} has none because two kinds store a component of that
 * name, which an inherited {@code @JsonIgnore} would drop from their JSON.
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

    /** The day the thing happened: an award's signing, an end, an announcement, a publication. */
    @JsonIgnore
    LocalDate occurredOn();

    /** The CRCs the entry names, in its order; empty for a thematic finding about all CRCs. */
    List<CrcId> crcIds();

    /** True for an entry about every CRC without naming them (a thematic finding that names none). */
    @JsonIgnore
    default boolean coversAllCrcs() {
        return false;
    }

    /**
     * The provider the entry names itself (an award's winner, the provider announcing job cuts); empty for the
     * others, whose provider is whoever held the contract, which only the ledger's history can say.
     */
    @JsonIgnore
    default Optional<ProviderId> namedProvider() {
        return Optional.empty();
    }

    /**
     * A one-line summary for journalists, written from the facts only.
     *
     * @param concerned the provider the entry concerns as resolved by the caller (for an end: the holder whose
     *                  contract ended); may be null, then the entry's {@link #namedProvider()} is used
     */
    String summary(ProviderId concerned, Names names);

    /** The fields a correction may change, named as the recording command names them. */
    @JsonIgnore
    java.util.Set<String> correctableFields();

    /**
     * The fields that place the entry in the ledger (its id; for a contract entry its CRC, whose stream holds it):
     * changing one is a new entry, not a correction.
     */
    @JsonIgnore
    default java.util.Set<String> fixedFields() {
        return java.util.Set.of("entryId");
    }

    /** This entry with {@code changes} applied (a record of the same kind), not yet checked. */
    EntryDetails correctedWith(Changes changes);

    /** The requested changes, checked against {@link #correctableFields()} and {@link #fixedFields()}. */
    default Changes changesFrom(java.util.Map<String, ?> requested) {
        return Changes.of(type(), requested, correctableFields(), fixedFields());
    }
}

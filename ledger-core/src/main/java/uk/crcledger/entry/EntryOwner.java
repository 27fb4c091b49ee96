package uk.crcledger.entry;

/**
 * Which aggregate holds an entry: contract awards and ends are in the stream of their CRC (aggregateId is the CRC
 * id); every other entry is an aggregate of its own (aggregateId is the entry id). Plain values, so a directory
 * can store it anywhere.
 */
public record EntryOwner(EntryType entryType, String aggregateId) {

    public EntryOwner {
        if (entryType == null) {
            throw new IllegalArgumentException("an entry owner needs the entry type");
        }
        if (aggregateId == null || aggregateId.isBlank()) {
            throw new IllegalArgumentException("an entry owner needs the aggregate id");
        }
    }

    /** An award or end, kept in the stream of the CRC {@code crcId}. */
    public static EntryOwner contractsOfCrc(EntryType entryType, String crcId) {
        if (entryType.ownAggregate()) {
            throw new IllegalArgumentException(entryType + " entries are aggregates of their own, not of a CRC");
        }
        return new EntryOwner(entryType, crcId);
    }

    /** An entry that is its own aggregate. */
    public static EntryOwner ownAggregate(EntryType entryType, EntryId entryId) {
        if (!entryType.ownAggregate()) {
            throw new IllegalArgumentException(entryType + " entries live in their CRC's stream");
        }
        return new EntryOwner(entryType, entryId.value());
    }
}

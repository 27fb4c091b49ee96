package uk.crcledger.crc;

import uk.crcledger.entry.RecordedBy;
import uk.crcledger.register.CrcId;

/** A CRC was registered. {@code abbreviation} is null when the CRC has none. */
public record CrcRegistered(CrcId crcId, String name, String abbreviation, RecordedBy recordedBy) {
}

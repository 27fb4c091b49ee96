package uk.crcledger.crc;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.crcledger.register.CrcId;

/**
 * Register a CRC. Who registers it comes from metadata {@code recordedBy}.
 *
 * @param abbreviation optional, e.g. "BeNCH"
 */
public record RegisterCrc(@TargetAggregateIdentifier CrcId crcId, String name, String abbreviation) {
}

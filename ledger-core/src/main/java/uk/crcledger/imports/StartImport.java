package uk.crcledger.imports;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Start importing a file: who starts it comes from metadata {@code recordedBy}.
 *
 * @param fileSha256 the SHA-256 of the file's bytes, 64 lower-case hex digits
 * @param rows       how many entries the file holds (its rows below the header), at least 1
 */
public record StartImport(@TargetAggregateIdentifier ImportId importId, String fileSha256, int rows) {
}

/**
 * The 21 Community Rehabilitation Companies: their registration. Their contract history, which lives in the same
 * stream, is in {@code uk.crcledger.contract} (the {@code Crc} aggregate), so this package depends on nothing that
 * depends on it.
 */
package uk.crcledger.crc;

/** The 21 Community Rehabilitation Companies: their registration and, in the same stream, their contract history. */
package uk.crcledger.crc;

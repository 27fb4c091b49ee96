/** Inspectorate findings about CRCs, for one CRC or thematic across them, with the rating if one was given. */
package uk.crcledger.inspection;

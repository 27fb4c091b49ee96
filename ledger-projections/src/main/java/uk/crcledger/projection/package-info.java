/**
 * How read models are stored and rebuilt: the documents a projection writes (in MongoDB, batched per
 * processing batch, or in memory for as-of answers), their versions, and rebuilds.
 */
package uk.crcledger.projection;

/**
 * The read model's storage: how the records a projection writes are kept in MongoDB (as JSON, batched
 * per processing batch, shared documents in buckets, every version of a contribution kept), which
 * version of the collections is active, and the sharing of segments between instances. The only
 * package of this module that sees BSON or MongoDB types.
 */
package uk.crcledger.projection;

/**
 * The independent verifier: downloads a log's checkpoint, tiles, entry bundles and payloads over
 * HTTP and checks them without trusting the server that serves them.
 */
package uk.crcledger.tlog.verify;

/** Entries over HTTP: recording each kind, reading one with its revisions, correcting and retracting. */
package uk.crcledger.api.entry;

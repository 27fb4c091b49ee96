/**
 * Corrections and retractions of any recorded entry: the commands, the events, and {@link
 * uk.crcledger.correction.EntryRevisions}, which finds the aggregate holding an entry and lets it revise it.
 * Nothing is ever erased: a correction records the whole new version, a retraction marks the entry withdrawn.
 */
package uk.crcledger.correction;

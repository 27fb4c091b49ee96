/**
 * The OpenAPI document at {@code /v3/api-docs}: its info, servers and conventions (problem+json for every refusal,
 * reading public, writing with a bearer token) and the per-type schemas of entries, generated from
 * {@link uk.crcledger.kinds.EntryKinds}.
 */
package uk.crcledger.api.openapi;

/**
 * Who may do what: bearer tokens with the roles {@code recorder}, {@code editor} and {@code admin}
 * (admin includes editor includes recorder).
 * <p>
 * A token is {@code <id>.<secret>}; the collection {@code api_tokens} keeps, per token, its id as
 * {@code _id}, the holder's name, the role and the SHA-256 of the secret, never the secret
 * ({@link uk.crcledger.api.security.ApiTokenStore}). Every request with
 * {@code Authorization: Bearer <token>} is checked against the store afresh (nothing is cached, so a
 * revoked token stops working at once); the authenticated {@link org.springframework.security.core.Authentication}'s
 * {@code getName()} is the token's name: the name the ledger records as who recorded an entry
 * (see {@link uk.crcledger.api.security.CurrentUser}).
 * <p>
 * The rules per path are in {@link uk.crcledger.api.security.SecurityConfiguration}; tokens are
 * managed under {@code /api/admin/tokens} ({@link uk.crcledger.api.security.TokenController}); the
 * first admin token is made at the first start ({@link uk.crcledger.api.security.AdminTokenBootstrap}).
 */
package uk.crcledger.api.security;

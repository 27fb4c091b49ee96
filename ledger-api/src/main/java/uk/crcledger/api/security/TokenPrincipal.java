package uk.crcledger.api.security;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who made a request: the holder of an active token.
 *
 * @param tokenId the token's id (not secret)
 * @param name    the token's name: what the ledger records as who recorded an entry
 * @param role    the token's role
 */
public record TokenPrincipal(String tokenId, String name, Role role)
        implements AuthenticatedPrincipal, java.io.Serializable {

    @Override
    public String getName() {
        return name;
    }
}

package uk.crcledger.api.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/**
 * Who is making the current request, for code that records it (the {@code recordedBy} of an
 * entry). In a controller, a parameter {@code Authentication authentication} and
 * {@code authentication.getName()} give the same name.
 */
public final class CurrentUser {

    private CurrentUser() {
    }

    /**
     * The name of the token that authenticated the current request: what the ledger records as who
     * recorded an entry.
     *
     * @throws IllegalStateException when the request carried no valid token (cannot happen on the
     *                               endpoints that write: they all need one)
     */
    public static String name() {
        return principal().map(TokenPrincipal::name)
                .orElseThrow(() -> new IllegalStateException("The current request is not authenticated by a token"));
    }

    /** The current request's token holder, if it sent a valid token. */
    public static Optional<TokenPrincipal> principal() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof TokenPrincipal principal) {
            return Optional.of(principal);
        }
        return Optional.empty();
    }
}

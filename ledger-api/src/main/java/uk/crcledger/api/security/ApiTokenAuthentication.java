package uk.crcledger.api.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

import java.io.Serial;
import java.util.List;

/**
 * A bearer token, first as presented ({@link #unauthenticated}: the raw value, no authorities),
 * then as accepted ({@link #authenticated}: a {@link TokenPrincipal}, the token's
 * {@code ROLE_<ROLE>}, no credentials kept). {@link #getName()} is the token's name.
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final TokenPrincipal principal;
    private transient String bearer;

    private ApiTokenAuthentication(String bearer, TokenPrincipal principal, List<GrantedAuthority> authorities) {
        super(authorities);
        this.bearer = bearer;
        this.principal = principal;
        super.setAuthenticated(principal != null);
    }

    /** The value of an {@code Authorization: Bearer} header, still to be checked. */
    public static ApiTokenAuthentication unauthenticated(String bearer) {
        return new ApiTokenAuthentication(bearer, null, List.of());
    }

    /** An accepted token. */
    public static ApiTokenAuthentication authenticated(ApiToken token) {
        return new ApiTokenAuthentication(null, new TokenPrincipal(token.id(), token.name(), token.role()),
                List.of(token.role().authority()));
    }

    /** The bearer value while unauthenticated; {@code null} once accepted. */
    @Override
    public String getCredentials() {
        return bearer;
    }

    /** The {@link TokenPrincipal} once accepted; {@code null} before. */
    @Override
    public TokenPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal == null ? "" : principal.name();
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated) {
            throw new IllegalArgumentException("Only the token store can accept a token");
        }
        super.setAuthenticated(false);
    }

    @Override
    public void eraseCredentials() {
        super.eraseCredentials();
        bearer = null;
    }
}

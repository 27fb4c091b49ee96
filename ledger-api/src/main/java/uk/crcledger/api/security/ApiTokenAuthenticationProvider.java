package uk.crcledger.api.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Accepts a bearer token that names an active token in {@link ApiTokenStore} (looked up by id, the
 * secret's hash compared in constant time, read afresh on every request).
 * <p>
 * Being a bean, it also keeps Spring Boot from making its default user with a generated password.
 */
@Component
public class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    private final ApiTokenStore store;

    public ApiTokenAuthenticationProvider(ApiTokenStore store) {
        this.store = store;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String bearer = ((ApiTokenAuthentication) authentication).getCredentials();
        return store.authenticate(bearer)
                .map(ApiTokenAuthentication::authenticated)
                .orElseThrow(() -> InvalidBearerTokenException.invalid("The bearer token is unknown or has been revoked"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiTokenAuthentication.class.isAssignableFrom(authentication);
    }
}

package uk.crcledger.api.security;

import org.springframework.security.core.AuthenticationException;

import java.io.Serial;

/**
 * A request's {@code Authorization} header was malformed, or its token unknown or revoked. The
 * message is shown to the client as the problem's detail, so it never contains the token.
 */
public class InvalidBearerTokenException extends AuthenticationException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean malformed;

    private InvalidBearerTokenException(String message, boolean malformed) {
        super(message);
        this.malformed = malformed;
    }

    /** The {@code Authorization} header is not one well-formed bearer token. */
    public static InvalidBearerTokenException malformed(String message) {
        return new InvalidBearerTokenException(message, true);
    }

    /** The token is well-formed but unknown, wrong or revoked. */
    public static InvalidBearerTokenException invalid(String message) {
        return new InvalidBearerTokenException(message, false);
    }

    /** RFC 6750's error code: {@code invalid_request} for a malformed header, else {@code invalid_token}. */
    public String errorCode() {
        return malformed ? "invalid_request" : "invalid_token";
    }
}

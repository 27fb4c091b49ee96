package uk.crcledger.api.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.authentication.AuthenticationConverter;

import java.util.Collections;
import java.util.List;

/**
 * Reads {@code Authorization: Bearer <token>}. No header: nothing to authenticate (the request goes
 * on anonymously, and the access rules decide). A header that is not one well-formed bearer token
 * (another scheme, no value, spaces or control characters in it, several {@code Authorization}
 * headers): {@link InvalidBearerTokenException}, answered 401.
 */
public class BearerTokenAuthenticationConverter implements AuthenticationConverter {

    private static final String SCHEME = "Bearer";

    @Override
    public ApiTokenAuthentication convert(HttpServletRequest request) {
        List<String> headers = Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
        if (headers.isEmpty()) {
            return null;
        }
        if (headers.size() > 1) {
            throw InvalidBearerTokenException.malformed("Send one Authorization header, not " + headers.size());
        }
        String header = headers.get(0).strip();
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || (header.length() > SCHEME.length() && header.charAt(SCHEME.length()) != ' ')) {
            throw InvalidBearerTokenException.malformed(
                    "The Authorization header must use the Bearer scheme: 'Authorization: Bearer <token>'");
        }
        String token = header.substring(SCHEME.length()).strip();
        if (!TokenCredentials.isWellFormed(token)) {
            throw InvalidBearerTokenException.malformed(
                    "The Authorization header is malformed: expected 'Bearer <token>' with a token of 1-"
                            + TokenCredentials.MAX_LENGTH + " visible ASCII characters");
        }
        return ApiTokenAuthentication.unauthenticated(token);
    }
}

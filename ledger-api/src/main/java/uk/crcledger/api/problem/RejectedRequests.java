package uk.crcledger.api.problem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Requests Spring Security's firewall refuses before any controller sees them (encoded slashes,
 * "..", ";" in paths): answered as problem+json like every other 400.
 */
@Configuration(proxyBeanMethods = false)
class RejectedRequests {

    @Bean
    RequestRejectedHandler problemForRejectedRequests() {
        return (request, response, rejected) -> {
            response.setStatus(400);
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Rejected request\",\"status\":400,"
                    + "\"detail\":\"The request's path or headers are not acceptable\"}");
        };
    }
}

package uk.crcledger.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import uk.crcledger.api.security.AdminTokenBootstrap;

/**
 * The start log's last words: the address to open and where the admin token is, so a newcomer need not read the
 * log above them. Runs after every other listener of the ready event (the reference data is recorded by then).
 */
@Component
public class ReadyMessage {

    private static final Logger log = LoggerFactory.getLogger(ReadyMessage.class);

    private final AdminTokenBootstrap adminToken;
    private final Environment environment;

    public ReadyMessage(AdminTokenBootstrap adminToken, Environment environment) {
        this.adminToken = adminToken;
        this.environment = environment;
    }

    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    public void ready(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        log.info("The ledger is ready.\n    Admin token: {}\n    Open {}", adminToken.whereTheAdminTokenIs(),
                address(web.getWebServer().getPort()));
    }

    String address(int port) {
        String host = environment.getProperty("server.address");
        if (host == null || host.isBlank() || "0.0.0.0".equals(host) || "::".equals(host)) {
            host = "localhost";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        return "http://" + host + ":" + port + (contextPath.endsWith("/") ? contextPath : contextPath + "/");
    }
}

package uk.crcledger.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Security settings.
 *
 * @param adminToken the first admin token ({@code ledger.admin-token}, environment variable
 *                   {@code LEDGER_ADMIN_TOKEN}): used only when the store holds no token at all.
 *                   It is the bearer value exactly as clients send it; see {@link TokenCredentials#parse}
 *                   for how it is split into id and secret. Unset or blank: one is generated and written to
 *                   {@code <ledger.data-dir>/admin.token}
 * @param security   the access rules' settings
 */
@ConfigurationProperties("ledger")
public record LedgerSecurityProperties(String adminToken, @DefaultValue Security security) {

    /**
     * @param publicRead whether {@code GET /api/**} is open to anyone ({@code true}, the default) or
     *                   needs a token of any role ({@code ledger.security.public-read=false})
     */
    public record Security(@DefaultValue("true") boolean publicRead) {
    }
}

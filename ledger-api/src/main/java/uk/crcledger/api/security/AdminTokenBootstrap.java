package uk.crcledger.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import uk.crcledger.api.store.LedgerStoreProperties;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Makes the first admin token when the store holds no token at all (not even a revoked one), before
 * the web server takes requests:
 * <ul>
 *   <li>{@code ledger.admin-token} ({@code LEDGER_ADMIN_TOKEN}) set: that value, verbatim, is the
 *       admin token (split into id and secret by {@link TokenCredentials#parse});</li>
 *   <li>otherwise a generated {@code <id>.<secret>}, written to {@code <ledger.data-dir>/admin.token}
 *       readable and writable by the owner only ({@code rw-------}). The log says where the file is,
 *       never the token.</li>
 * </ul>
 * The file is written before the token is stored, so a failed write cannot leave an admin token
 * nobody knows. Once any token exists, neither the setting nor the file is read again: manage tokens
 * under {@code /api/admin/tokens}.
 */
@Component
public class AdminTokenBootstrap implements SmartInitializingSingleton {

    /** The generated admin token's file name, in the data directory. */
    public static final String FILE_NAME = "admin.token";

    /** The name of the first admin token, as the ledger records it. */
    public static final String ADMIN_NAME = "admin";

    private static final Logger log = LoggerFactory.getLogger(AdminTokenBootstrap.class);
    private static final int SHORT_SECRET = 16;

    private final ApiTokenStore store;
    private final String configuredToken;
    private final Path dataDir;

    @Autowired
    public AdminTokenBootstrap(ApiTokenStore store, LedgerSecurityProperties security, LedgerStoreProperties storage) {
        this(store, security.adminToken(), storage.dataDir());
    }

    AdminTokenBootstrap(ApiTokenStore store, String configuredToken, Path dataDir) {
        this.store = store;
        this.configuredToken = configuredToken;
        this.dataDir = dataDir;
    }

    @Override
    public void afterSingletonsInstantiated() {
        bootstrap();
    }

    /**
     * Makes the first admin token if there is no token.
     *
     * @return the admin token made, or empty when there were tokens already
     */
    public Optional<ApiToken> bootstrap() {
        if (!store.isEmpty()) {
            log.debug("Tokens exist; no admin token made");
            return Optional.empty();
        }
        return StringUtils.hasText(configuredToken) ? fromConfiguration(configuredToken.strip()) : generate();
    }

    private Optional<ApiToken> fromConfiguration(String value) {
        if (!TokenCredentials.isWellFormed(value)) {
            throw new IllegalStateException("ledger.admin-token (LEDGER_ADMIN_TOKEN) must be 1-"
                    + TokenCredentials.MAX_LENGTH + " visible ASCII characters, without spaces");
        }
        if (TokenCredentials.parse(value).secret().length() < SHORT_SECRET) {
            log.warn("The configured admin token (ledger.admin-token / LEDGER_ADMIN_TOKEN) is short: its secret has "
                    + "fewer than {} characters. Prefer a long random one.", SHORT_SECRET);
        }
        Optional<ApiToken> token = store.createWithValue(value, ADMIN_NAME, Role.ADMIN);
        token.ifPresentOrElse(
                made -> log.info("Made the first admin token (id {}) from ledger.admin-token / LEDGER_ADMIN_TOKEN",
                        made.id()),
                () -> log.info("The configured admin token is stored already"));
        return token;
    }

    private Optional<ApiToken> generate() {
        TokenCredentials credentials = TokenCredentials.generate();
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
        writeOwnerOnly(file, credentials.value() + "\n");
        Optional<ApiToken> token = store.createWithValue(credentials.value(), ADMIN_NAME, Role.ADMIN);
        token.ifPresent(made -> log.info("Made the first admin token (id {}) and wrote it to {} (readable by its "
                + "owner only). Send it as 'Authorization: Bearer <the file's content>' to make other tokens at "
                + "/api/admin/tokens; then delete the file or keep it safe.", made.id(), file));
        return token;
    }

    /** Where a newcomer finds the admin token, for the last line of the start log. */
    public String whereTheAdminTokenIs() {
        if (StringUtils.hasText(configuredToken)) {
            return "the value of ledger.admin-token (LEDGER_ADMIN_TOKEN)";
        }
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
        if (Files.isRegularFile(file)) {
            return file + " (readable by its owner only)";
        }
        return "not on this machine: tokens existed before and " + file + " is gone; an admin makes tokens at "
                + "/api/admin/tokens";
    }

    /** Writes {@code content} to {@code file}, which no one but its owner can read, replacing it atomically. */
    static void writeOwnerOnly(Path file, String content) {
        uk.crcledger.api.store.OwnerOnlyFiles.write(file, content);
    }
}

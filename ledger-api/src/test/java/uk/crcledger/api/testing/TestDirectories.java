package uk.crcledger.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A data directory for a test class whose app starts before JUnit fills a static {@code @TempDir}
 * (Spring reads {@code @DynamicPropertySource} first), and the usual properties of such an app.
 */
public final class TestDirectories {

    private TestDirectories() {
    }

    public static Path temporary(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The properties of an app on {@code dataDir} that starts with an empty ledger (no reference
     * data) and the given admin token: what most HTTP tests need.
     */
    public static void emptyLedger(org.springframework.test.context.DynamicPropertyRegistry registry, Path dataDir,
                                   String adminToken) {
        registry.add("ledger.data-dir", dataDir::toString);
        registry.add("ledger.seed", () -> "false");
        registry.add("ledger.admin-token", () -> adminToken);
    }
}

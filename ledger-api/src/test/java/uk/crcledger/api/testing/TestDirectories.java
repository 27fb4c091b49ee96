package uk.crcledger.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A data directory for a test class whose app starts before JUnit fills a static {@code @TempDir}
 * (Spring reads {@code @DynamicPropertySource} first).
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
}

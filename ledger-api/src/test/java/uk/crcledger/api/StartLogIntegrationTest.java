package uk.crcledger.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer sees on the first start (embedded store, reference data): a short log whose last words are where the
 * admin token is and the address to open, with none of the embedded server's, driver's or Axon's housekeeping.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StartLogIntegrationTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Test
    void endsWithWhereTheAdminTokenIsAndTheAddressToOpen(CapturedOutput output) {
        List<String> lines = output.getOut().lines().toList();
        int ready = indexOf(lines, "The ledger is ready.");
        assertThat(ready).as("the ready message in:%n%s", output.getOut()).isNotNegative();

        assertThat(lines.get(ready + 1).strip())
                .isEqualTo("Admin token: " + dataDir.resolve("admin.token").toAbsolutePath().normalize()
                        + " (readable by its owner only)");
        assertThat(lines.get(ready + 2).strip()).isEqualTo("Open http://localhost:" + port + "/");
        // After the reference data is recorded, so it is the start's last word.
        assertThat(indexOf(lines, "Reference data: ")).isBetween(0, ready - 1);
    }

    @Test
    void isShortAndHoldsNoHousekeeping(CapturedOutput output) {
        String start = output.getOut().substring(0, output.getOut().indexOf("Open http://localhost:"));

        assertThat(start.lines().count()).as(start).isLessThanOrEqualTo(20);
        assertThat(start).doesNotContain("MongoWireProtocolHandler", "org.mongodb.driver", "claimed the token for segment",
                "AxonIQ Console", "Recorded contract-award", "Tomcat initialized");
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}

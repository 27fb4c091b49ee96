package uk.crcledger.api.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of an import ({@code ledger.imports.*}).
 *
 * @param maxRows     the most rows below the header a file may have (20,000 by default); more is refused (413)
 * @param concurrency how many rows are recorded at once (4 by default); rows that change who holds a CRC are
 *                    recorded alone, in the file's order
 */
@ConfigurationProperties("ledger.imports")
public record ImportProperties(Integer maxRows, Integer concurrency) {

    public ImportProperties {
        maxRows = maxRows == null ? 20_000 : maxRows;
        concurrency = concurrency == null ? 4 : concurrency;
        if (maxRows < 1 || concurrency < 1) {
            throw new IllegalArgumentException("ledger.imports.max-rows and .concurrency must be at least 1");
        }
    }
}

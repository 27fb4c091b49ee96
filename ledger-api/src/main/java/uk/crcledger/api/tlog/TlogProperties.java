package uk.crcledger.api.tlog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The transparency log's settings.
 *
 * @param origin             the log's name in its checkpoints: by c2sp.org/tlog-checkpoint, the URL
 *                           prefix of its tiles without the scheme ({@code ledger.example.org/tlog}).
 *                           Unset: the origin of the checkpoints already signed, or for a new log
 *                           {@code <host name>/crc-ledger}. It never changes once a checkpoint is signed.
 * @param checkpointInterval the least time between two checkpoints (a new one is signed only when the
 *                           tree has grown)
 * @param signingKey         the Ed25519 signing key in the signed-note form
 *                           ({@code PRIVATE+KEY+<name>+<key id>+<key>}); also {@code LEDGER_TLOG_SIGNING_KEY}.
 *                           Unset: the key in {@code <data-dir>/tlog-signing.key}, made on first start.
 *                           Instances that share a ledger must share the key.
 * @param auditBatch         how many positions the background audit re-checks per round
 * @param auditInterval      how often it does a round (the default goes over 100k events in about 17 minutes)
 * @param integrateBatch     how many events the integrator reads per query
 */
@ConfigurationProperties("ledger.tlog")
public record TlogProperties(
        String origin,
        @DefaultValue("2s") Duration checkpointInterval,
        String signingKey,
        @DefaultValue("1000") int auditBatch,
        @DefaultValue("10s") Duration auditInterval,
        @DefaultValue("4096") int integrateBatch) {
}

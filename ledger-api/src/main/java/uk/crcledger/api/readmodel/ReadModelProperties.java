package uk.crcledger.api.readmodel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the read model's processor runs.
 *
 * @param segments  how many parts the work is split into (1, 2, 4, 8 or 16): the most app
 *                  instances that can share it
 * @param batchSize events handled per batch (one bulk write per batch)
 * @param balance   how often an instance checks that it holds no more than its share of segments
 */
@ConfigurationProperties("ledger.read-model")
public record ReadModelProperties(@DefaultValue("4") int segments, @DefaultValue("5000") int batchSize,
                                  @DefaultValue("2s") Duration balance) {
}

package uk.crcledger.api.readmodel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the read model's processor runs.
 *
 * @param segments  how many parts the work is split into (1, 2, 4, 8 or 16): the most app
 *                  instances that can share it
 * @param batchSize events handled per batch at most (one bulk write per batch). Larger batches replay a little
 *                  faster, but a batch's events and writes are held in memory until it ends, once per segment
 *                  (5,000 needed a 768 MB heap to rebuild 100k events), and a slow batch meets Axon's time
 *                  limits for a unit of work (warned at 10 s, interrupted at 60 s) when the machine is busy
 * @param balance   how often an instance checks that it holds no more than its share of segments
 */
@ConfigurationProperties("ledger.read-model")
public record ReadModelProperties(@DefaultValue("4") int segments, @DefaultValue("1000") int batchSize,
                                  @DefaultValue("2s") Duration balance) {
}

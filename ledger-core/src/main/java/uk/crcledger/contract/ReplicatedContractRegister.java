package uk.crcledger.contract;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import uk.crcledger.entry.ContractRegister;
import uk.crcledger.provider.Provider;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link ContractRegister} answered by read-only copies of the {@link Crc} and {@link Provider} aggregates
 * ({@link AggregateReplicas}), so the answer comes from the same streams and the same event sourcing handlers that
 * enforce the rules, without rebuilding or locking the aggregates for every recording.
 *
 * <ul>
 *   <li>"Is this CRC / provider known?" never changes back once true (nothing unregisters), so it is answered
 *       from memory once seen.</li>
 *   <li>"Who held this CRC on this date?" reads the CRC's events stored since the copy was last brought up to date
 *       (usually none: one lookup), whichever instance stored them.</li>
 * </ul>
 * Safe to call from any thread, inside or outside a unit of work.
 */
public class ReplicatedContractRegister implements ContractRegister {

    private final AggregateReplicas<Crc> crcs;
    private final AggregateReplicas<Provider> providers;

    /**
     * @param events the storage engine, looked up on first use: with Axon's configuration API the aggregates'
     *               handlers resolve this register while the configuration is being built
     */
    public ReplicatedContractRegister(Supplier<EventStorageEngine> events) {
        Objects.requireNonNull(events, "events");
        this.crcs = new AggregateReplicas<>(Crc.class, events);
        this.providers = new AggregateReplicas<>(Provider.class, events);
    }

    @Override
    public boolean crcExists(CrcId crcId) {
        return crcs.exists(crcId.value());
    }

    @Override
    public boolean providerExists(ProviderId providerId) {
        return providers.exists(providerId.value());
    }

    @Override
    public Optional<ProviderId> holderOn(CrcId crcId, LocalDate date) {
        return crcs.current(crcId.value(), crc -> crc.holderOn(date)).flatMap(holder -> holder);
    }
}

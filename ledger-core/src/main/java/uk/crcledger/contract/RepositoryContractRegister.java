package uk.crcledger.contract;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import uk.crcledger.entry.ContractRegister;
import uk.crcledger.provider.Provider;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link ContractRegister} that loads the aggregates from their Axon repositories, so the answer comes from the
 * same streams that enforce the rules. Must be called inside a unit of work, as command handlers are.
 */
public class RepositoryContractRegister implements ContractRegister {

    private final Supplier<Repository<Crc>> crcs;
    private final Supplier<Repository<Provider>> providers;

    public RepositoryContractRegister(Repository<Crc> crcs, Repository<Provider> providers) {
        Objects.requireNonNull(crcs, "crcs");
        Objects.requireNonNull(providers, "providers");
        this.crcs = () -> crcs;
        this.providers = () -> providers;
    }

    /**
     * Looks the repositories up on first use. Needed with Axon's configuration API: the aggregates' repositories
     * resolve this register as a handler parameter while they are built, so building them here first would recurse.
     * Wire it as {@code c -> new RepositoryContractRegister(() -> c.repository(Crc.class),
     * () -> c.repository(Provider.class))}.
     */
    public RepositoryContractRegister(Supplier<Repository<Crc>> crcs, Supplier<Repository<Provider>> providers) {
        this.crcs = Objects.requireNonNull(crcs, "crcs");
        this.providers = Objects.requireNonNull(providers, "providers");
    }

    @Override
    public boolean crcExists(CrcId crcId) {
        try {
            crcs.get().load(crcId.value());
            return true;
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }

    @Override
    public boolean providerExists(ProviderId providerId) {
        try {
            providers.get().load(providerId.value());
            return true;
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }

    @Override
    public Optional<ProviderId> holderOn(CrcId crcId, LocalDate date) {
        try {
            return crcs.get().load(crcId.value()).invoke(crc -> crc.holderOn(date));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}

package uk.crcledger.contract;

import uk.crcledger.entry.ContractRegister;
import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A {@link ContractRegister} for fixtures: the test says which CRCs and providers exist and who held what. */
public class StubContractRegister implements ContractRegister {

    private record Held(CrcId crcId, ProviderId providerId, LocalDate from, LocalDate until) {
    }

    private final Set<CrcId> crcs = new HashSet<>();
    private final Set<ProviderId> providers = new HashSet<>();
    private final List<Held> holdings = new ArrayList<>();

    public StubContractRegister crcs(CrcId... ids) {
        crcs.addAll(List.of(ids));
        return this;
    }

    public StubContractRegister providers(ProviderId... ids) {
        providers.addAll(List.of(ids));
        return this;
    }

    /** {@code providerId} holds {@code crcId} from {@code from} until {@code until} (exclusive, null = still). */
    public StubContractRegister holds(CrcId crcId, ProviderId providerId, LocalDate from, LocalDate until) {
        crcs.add(crcId);
        providers.add(providerId);
        holdings.add(new Held(crcId, providerId, from, until));
        return this;
    }

    @Override
    public boolean crcExists(CrcId crcId) {
        return crcs.contains(crcId);
    }

    @Override
    public boolean providerExists(ProviderId providerId) {
        return providers.contains(providerId);
    }

    @Override
    public Optional<ProviderId> holderOn(CrcId crcId, LocalDate date) {
        return holdings.stream()
                .filter(h -> h.crcId().equals(crcId) && !date.isBefore(h.from())
                        && (h.until() == null || date.isBefore(h.until())))
                .map(Held::providerId)
                .findFirst();
    }
}

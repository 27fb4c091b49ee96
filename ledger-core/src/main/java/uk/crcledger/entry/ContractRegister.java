package uk.crcledger.entry;

import uk.crcledger.register.CrcId;
import uk.crcledger.register.ProviderId;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Port: what an aggregate needs to know about other aggregates (is a CRC or provider known, who held a CRC on a
 * date). Handlers receive it as an injected parameter; {@code contract.ReplicatedContractRegister} answers from
 * the event-sourced aggregates themselves. It lives here, with what every entry shares, so the kinds that only ask
 * who held a CRC (job cuts, findings, corrections) need not depend on the contract package.
 *
 * <p>Answers are as consistent as the stores behind them: a check and a concurrent change to another aggregate
 * are not one transaction. That is accepted because entries are recorded by a few staff, not concurrently.
 */
public interface ContractRegister {

    boolean crcExists(CrcId crcId);

    boolean providerExists(ProviderId providerId);

    /** The provider holding {@code crcId} on {@code date}; empty when the CRC is unknown or held by nobody. */
    Optional<ProviderId> holderOn(CrcId crcId, LocalDate date);

    default void requireCrc(CrcId crcId) {
        if (!crcExists(crcId)) {
            throw new UnknownReferenceException("unknown CRC " + crcId + ": register it first");
        }
    }

    default void requireProvider(ProviderId providerId) {
        if (!providerExists(providerId)) {
            throw new UnknownReferenceException("unknown provider " + providerId + ": register it first");
        }
    }
}

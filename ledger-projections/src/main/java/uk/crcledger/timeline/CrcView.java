package uk.crcledger.timeline;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A CRC: its name, who holds it now and every contract period, in date order. */
public record CrcView(String crcId, String name, String abbreviation, String currentProviderId,
                      String currentProviderName, List<ContractPeriod> contracts) {

    /** Who held the CRC on the day, if anyone did: the core's contract history, as this view carries it. */
    public Optional<String> holderOn(LocalDate day) {
        return contracts.stream().filter(period -> period.covers(day)).map(ContractPeriod::providerId).findFirst();
    }
}

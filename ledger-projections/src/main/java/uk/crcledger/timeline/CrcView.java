package uk.crcledger.timeline;

import java.util.List;

/** A CRC: its name, who holds it now and every contract period, in date order. */
public record CrcView(String crcId, String name, String abbreviation, String currentProviderId,
                      String currentProviderName, List<ContractPeriod> contracts) {
}

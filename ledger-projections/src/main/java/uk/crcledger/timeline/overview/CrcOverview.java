package uk.crcledger.timeline.overview;

import uk.crcledger.timeline.ContractPeriod;

import java.util.List;

/** One CRC's row of the overview: its contract periods in date order and the marks on them, in timeline order. */
public record CrcOverview(String crcId, String name, String abbreviation, List<ContractPeriod> contracts,
                          List<OverviewMark> marks) {
}

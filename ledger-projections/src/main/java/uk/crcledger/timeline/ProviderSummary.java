package uk.crcledger.timeline;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a provider did, in figures: the CRCs it holds and held, the posts it announced cut (where an
 * announcement gave posts; the others gave only a percentage), and the inspectorate's findings about
 * its CRCs in its time.
 *
 * @param findingsByRating rating (e.g. {@code requires-improvement}) to number of findings
 */
public record ProviderSummary(String providerId, String name, String kind, List<String> members,
                              List<HeldCrc> crcsHeldNow, List<HeldCrc> crcsHeldBefore, BigDecimal postsAnnouncedCut,
                              int announcementsWithPosts, int announcementsWithPercentageOnly,
                              Map<String, Integer> findingsByRating, List<LatestFinding> latestFindingPerCrc) {
}

package uk.crcledger.timeline.overview;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One provider's line of the comparison, from its summary and its timeline.
 *
 * @param crcsHeld                        CRCs it held at any time
 * @param crcsHeldNow                     CRCs it holds with no end recorded (as the ledger stood then)
 * @param postsAnnouncedCut               the posts of its announcements that gave posts
 * @param announcementsWithPercentageOnly its announcements that gave only a percentage (not in the posts)
 * @param findingsByRating                rating (e.g. {@code inadequate}) to findings about its CRCs in its time
 * @param incidents                       incidents reported on its CRCs in its time
 */
public record ProviderComparison(String providerId, String name, int crcsHeld, int crcsHeldNow,
                                 BigDecimal postsAnnouncedCut, int announcementsWithPercentageOnly,
                                 Map<String, Integer> findingsByRating, int incidents) {
}

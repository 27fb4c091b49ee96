package uk.crcledger.timeline;

import java.util.List;

/** One page of a timeline: its items in order, and how many items match in all. */
public record Timeline(List<TimelineItem> items, int total, int offset, int limit) {

    public boolean hasMore() {
        return (long) offset + items.size() < total;
    }
}

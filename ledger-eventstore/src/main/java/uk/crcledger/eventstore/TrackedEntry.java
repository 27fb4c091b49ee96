package uk.crcledger.eventstore;

import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;

import java.time.Instant;

/** An event stored without an aggregate (published on the event bus), as read by a processor. */
final class TrackedEntry implements TrackedEventData<String> {

    private final TrackingToken token;
    private final Document event;

    TrackedEntry(TrackingToken token, Document event) {
        this.token = token;
        this.event = event;
    }

    @Override
    public TrackingToken trackingToken() {
        return token;
    }

    @Override
    public String getEventIdentifier() {
        return event.getString("id");
    }

    @Override
    public Instant getTimestamp() {
        return Instant.parse(event.getString("ts"));
    }

    @Override
    public SerializedObject<String> getMetaData() {
        return new SimpleSerializedObject<>(event.getString("meta"), String.class,
                org.axonframework.messaging.MetaData.class.getName(), null);
    }

    @Override
    public SerializedObject<String> getPayload() {
        return new SimpleSerializedObject<>(event.getString("payload"), String.class, event.getString("type"),
                event.getString("rev"));
    }
}

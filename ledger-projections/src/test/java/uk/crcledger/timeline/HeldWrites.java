package uk.crcledger.timeline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An instance stalled as by a GC pause: once {@link #hold held}, its next write to a read-model
 * collection waits until {@link #release released}, after the processor has read and applied its
 * batch, and then goes through the driver as it would have.
 */
final class HeldWrites {

    private static final Set<String> WRITES = Set.of("bulkWrite", "insertMany", "insertOne", "replaceOne",
            "updateOne", "updateMany");

    private volatile boolean holding;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch waiting = new CountDownLatch(1);
    private final CountDownLatch sent = new CountDownLatch(1);

    MongoDatabase around(MongoDatabase database) {
        return proxy(MongoDatabase.class, (self, method, args) -> {
            Object result = invoke(database, method, args);
            return method.getName().equals("getCollection") ? around((MongoCollection<?>) result) : result;
        });
    }

    private MongoCollection<?> around(MongoCollection<?> collection) {
        return proxy(MongoCollection.class, (self, method, args) -> {
            if (holding && WRITES.contains(method.getName())
                    && collection.getNamespace().getCollectionName().contains("_v")) {
                holding = false;
                waiting.countDown();
                if (!gate.await(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("Held writes were never released");
                }
                try {
                    return invoke(collection, method, args);
                } finally {
                    sent.countDown();
                }
            }
            return invoke(collection, method, args);
        });
    }

    /** Holds the next read-model write. */
    void hold() {
        holding = true;
    }

    /** Waits until a write is being held. */
    boolean awaitHeld() throws InterruptedException {
        return waiting.await(1, TimeUnit.MINUTES);
    }

    /** Lets the held write go and waits until the server has answered it. */
    boolean release() throws InterruptedException {
        gate.countDown();
        return sent.await(1, TimeUnit.MINUTES);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, handler);
    }
}

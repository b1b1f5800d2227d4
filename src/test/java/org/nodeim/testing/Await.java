package org.nodeim.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a future in a test, failing the test after a generous bound. */
public final class Await {

    private Await() {
    }

    public static <T> T value(CompletableFuture<T> future) {
        try {
            return future.get(ChatClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("nothing within " + ChatClient.TIMEOUT_SECONDS + " s");
        }
    }
}

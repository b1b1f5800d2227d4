package org.nodeim.chat;

import java.lang.reflect.Field;

/** Messages as they are once stored, for tests that need no database: with their id. */
final class StoredMessages {

    private StoredMessages() {
    }

    static Message withId(Message message, long id) {
        try {
            Field field = Message.class.getDeclaredField("id");
            field.setAccessible(true);
            field.set(message, id);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return message;
    }
}

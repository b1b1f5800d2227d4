package org.nodeim.protocol;

import java.lang.reflect.Field;

/** Finds a field of the container's own classes, for the few places that change what the container keeps. */
final class ContainerFields {

    private ContainerFields() {
    }

    /** The field of that name, declared by the type or by a class it extends, made accessible. */
    static Field find(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field found = c.getDeclaredField(name);
                found.setAccessible(true);
                return found;
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        throw new NoSuchFieldException(name + " in " + type.getName());
    }
}

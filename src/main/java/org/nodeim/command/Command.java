package org.nodeim.command;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Names the client command a {@link CommandHandler} bean answers, by its seed name
 * ({@code signin}, {@code room.join}, ...).
 */
@Qualifier
@Retention(RUNTIME)
@Target({TYPE, METHOD, FIELD, PARAMETER})
public @interface Command {

    String value();

    /** Whether the command needs a signed-in connection (all but signup, signin, retrieve). */
    @Nonbinding
    boolean signedIn() default true;
}

package org.nodeim.admin;

import java.util.Objects;

/** Who takes an action in the console, and from which address. */
public record Administrator(String name, String address) {

    public Administrator {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }
}

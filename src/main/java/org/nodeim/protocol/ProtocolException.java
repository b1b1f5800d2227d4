package org.nodeim.protocol;

/**
 * A frame or packet that breaks the Engine.IO / Socket.IO rules. The reference server closes
 * the connection that sent it; so does this one.
 */
public class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
